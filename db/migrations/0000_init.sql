CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`publishable_key` text NOT NULL,
	`secret_key_hash` text NOT NULL,
	`identity_secret` text NOT NULL,
	`visitor_token_secret` text NOT NULL,
	`allowed_origins` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_publishable_key_uq` ON `sites` (`publishable_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `sites_secret_key_hash_uq` ON `sites` (`secret_key_hash`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`external_id` text,
	`email` text,
	`name` text,
	`phone` text,
	`attributes` text DEFAULT '{}' NOT NULL,
	`consent` text DEFAULT 'unknown' NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`identified_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_site_external_uq` ON `customers` (`site_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `customers_site_email_idx` ON `customers` (`site_id`,`email`);--> statement-breakpoint
CREATE INDEX `customers_site_last_seen_idx` ON `customers` (`site_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `visitors` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`token_id` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `visitors_site_customer_idx` ON `visitors` (`site_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`site_id` text NOT NULL,
	`id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`page_views` integer DEFAULT 0 NOT NULL,
	`dwell_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_site_customer_idx` ON `sessions` (`site_id`,`customer_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`event_id` text NOT NULL,
	`ingest_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`name` text,
	`url` text,
	`path` text,
	`title` text,
	`referrer` text,
	`dwell_ms` integer,
	`view_id` text,
	`properties` text,
	`client_ts` integer NOT NULL,
	`server_ts` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_site_event_uq` ON `events` (`site_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `events_site_customer_idx` ON `events` (`site_id`,`customer_id`,`id`);--> statement-breakpoint
CREATE TABLE `products` (
	`site_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`price_cents` integer NOT NULL,
	PRIMARY KEY(`site_id`, `sku`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`order_id` text NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`category` text,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `order_items_site_order_idx` ON `order_items` (`site_id`,`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`reference` text,
	`currency` text NOT NULL,
	`total_cents` integer NOT NULL,
	`placed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_site_idempotency_uq` ON `orders` (`site_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_site_customer_idx` ON `orders` (`site_id`,`customer_id`,`placed_at`);--> statement-breakpoint
CREATE TABLE `customer_stats` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`page_views` integer DEFAULT 0 NOT NULL,
	`total_dwell_ms` integer DEFAULT 0 NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`revenue_cents` integer DEFAULT 0 NOT NULL,
	`last_order_at` integer,
	`top_categories` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_stats_site_revenue_idx` ON `customer_stats` (`site_id`,`revenue_cents`);