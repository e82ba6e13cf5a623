CREATE TABLE `configurable_products` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`sku` text NOT NULL,
	`version` integer NOT NULL,
	`model` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `configurable_products_site_sku_uq` ON `configurable_products` (`site_id`,`sku`);--> statement-breakpoint
CREATE TABLE `custom_order_status_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`order_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`actor` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `custom_orders`(`order_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `custom_order_status_log_order_idx` ON `custom_order_status_log` (`order_id`,`id`);--> statement-breakpoint
CREATE TABLE `custom_orders` (
	`order_id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`reference` text NOT NULL,
	`sku` text NOT NULL,
	`model_version` integer NOT NULL,
	`configuration` text NOT NULL,
	`breakdown` text NOT NULL,
	`status` text NOT NULL,
	`status_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `custom_orders_site_created_idx` ON `custom_orders` (`site_id`,`created_at`,`order_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `custom_orders_site_reference_uq` ON `custom_orders` (`site_id`,`reference`);--> statement-breakpoint
CREATE TABLE `designs` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`sku` text NOT NULL,
	`model_version` integer NOT NULL,
	`configuration` text NOT NULL,
	`share_token_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `designs_customer_idx` ON `designs` (`customer_id`,`updated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `designs_share_uq` ON `designs` (`share_token_hash`);