CREATE TABLE `canned_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `canned_replies_site_idx` ON `canned_replies` (`site_id`,`title`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`ticket_id` text,
	`order_id` text,
	`service_site_id` text,
	`category` text,
	`stars` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_ticket_uq` ON `ratings` (`ticket_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_order_uq` ON `ratings` (`order_id`);--> statement-breakpoint
CREATE INDEX `ratings_customer_idx` ON `ratings` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_site_kind_idx` ON `ratings` (`site_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `satisfaction_surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `satisfaction_surveys_order_uq` ON `satisfaction_surveys` (`order_id`);--> statement-breakpoint
CREATE INDEX `satisfaction_surveys_customer_idx` ON `satisfaction_surveys` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `satisfaction_surveys_site_idx` ON `satisfaction_surveys` (`site_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `service_postcodes` (
	`site_id` text NOT NULL,
	`code` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	PRIMARY KEY(`site_id`, `code`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `service_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`reopen_days` integer NOT NULL,
	`sla` text NOT NULL,
	`survey_delay_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `service_sites` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`categories` text NOT NULL,
	`opening_hours` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_sites_site_lat_lng_idx` ON `service_sites` (`site_id`,`lat`,`lng`);--> statement-breakpoint
CREATE INDEX `service_sites_site_name_idx` ON `service_sites` (`site_id`,`name`);--> statement-breakpoint
CREATE INDEX `service_sites_site_default_idx` ON `service_sites` (`site_id`,`is_default`,`active`);--> statement-breakpoint
CREATE TABLE `staff_service_sites` (
	`staff_id` text NOT NULL,
	`service_site_id` text NOT NULL,
	`site_id` text NOT NULL,
	PRIMARY KEY(`staff_id`, `service_site_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_site_id`) REFERENCES `service_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_service_sites_service_site_idx` ON `staff_service_sites` (`service_site_id`);--> statement-breakpoint
CREATE TABLE `ticket_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`storage_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_attachments_ticket_idx` ON `ticket_attachments` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`type` text NOT NULL,
	`staff_id` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ticket_events_customer_idx` ON `ticket_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`id`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`staff_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket_idx` ON `ticket_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`reference` text NOT NULL,
	`category` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`priority_rank` integer NOT NULL,
	`channel` text NOT NULL,
	`order_id` text,
	`product_sku` text,
	`service_site_id` text,
	`distance_m` integer,
	`routing_reason` text NOT NULL,
	`assignee_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`contact_email` text,
	`contact_name` text,
	`access_token_hash` text NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`creator_address_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`first_response_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`first_response_due_at` integer NOT NULL,
	`resolution_due_at` integer NOT NULL,
	`first_response_breached` integer DEFAULT false NOT NULL,
	`resolution_breached` integer DEFAULT false NOT NULL,
	`last_staff_reply_at` integer,
	`customer_read_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`service_site_id`) REFERENCES `service_sites`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_site_reference_uq` ON `tickets` (`site_id`,`reference`);--> statement-breakpoint
CREATE INDEX `tickets_customer_idx` ON `tickets` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_customer_idempotency_uq` ON `tickets` (`customer_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `tickets_site_address_idx` ON `tickets` (`site_id`,`creator_address_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_site_queue_idx` ON `tickets` (`site_id`,`priority_rank`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_site_status_queue_idx` ON `tickets` (`site_id`,`status`,`priority_rank`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_service_site_queue_idx` ON `tickets` (`service_site_id`,`priority_rank`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_assignee_queue_idx` ON `tickets` (`assignee_id`,`priority_rank`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_order_idx` ON `tickets` (`order_id`);--> statement-breakpoint
CREATE INDEX `tickets_site_created_idx` ON `tickets` (`site_id`,`created_at`);