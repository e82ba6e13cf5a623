CREATE TABLE `customer_categories` (
	`customer_id` text NOT NULL,
	`category` text NOT NULL,
	`site_id` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `category`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `customers_site_email_idx`;--> statement-breakpoint
CREATE INDEX `customers_site_email_lower_idx` ON `customers` (`site_id`,lower("email"));--> statement-breakpoint
CREATE INDEX `customers_site_name_lower_idx` ON `customers` (`site_id`,lower("name"));--> statement-breakpoint
CREATE INDEX `customers_site_identified_seen_idx` ON `customers` (`site_id`,`last_seen_at`,`id`) WHERE "customers"."external_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `visitors_site_customer_idx`;--> statement-breakpoint
CREATE INDEX `visitors_customer_idx` ON `visitors` (`customer_id`);--> statement-breakpoint
DROP INDEX `sessions_site_customer_idx`;--> statement-breakpoint
CREATE INDEX `sessions_customer_idx` ON `sessions` (`customer_id`,`started_at`);--> statement-breakpoint
DROP INDEX `events_site_customer_idx`;--> statement-breakpoint
CREATE INDEX `events_customer_idx` ON `events` (`customer_id`,`id`);--> statement-breakpoint
DROP INDEX `order_items_site_order_idx`;--> statement-breakpoint
CREATE INDEX `order_items_order_idx` ON `order_items` (`order_id`);--> statement-breakpoint
DROP INDEX `orders_site_customer_idx`;--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`placed_at`,`id`);