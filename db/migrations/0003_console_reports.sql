CREATE TABLE `site_daily` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`page_views` integer DEFAULT 0 NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`new_visitors` integer DEFAULT 0 NOT NULL,
	`identified` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`revenue_cents` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `site_daily_pages` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`path` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `path`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `site_daily_products` (
	`site_id` text NOT NULL,
	`day` text NOT NULL,
	`sku` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `sku`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customers_site_first_seen_idx` ON `customers` (`site_id`,`first_seen_at`);--> statement-breakpoint
CREATE INDEX `customer_stats_site_orders_idx` ON `customer_stats` (`site_id`,`orders`,`customer_id`);