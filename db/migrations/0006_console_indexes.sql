DROP INDEX `customers_site_last_seen_idx`;--> statement-breakpoint
DROP INDEX `customers_site_first_seen_idx`;--> statement-breakpoint
CREATE INDEX `customers_site_last_seen_idx` ON `customers` (`site_id`,`last_seen_at`,`id`);--> statement-breakpoint
CREATE INDEX `customers_site_first_seen_idx` ON `customers` (`site_id`,`first_seen_at`,`id`);--> statement-breakpoint
DROP INDEX `customer_stats_site_revenue_idx`;--> statement-breakpoint
CREATE INDEX `customer_stats_site_revenue_idx` ON `customer_stats` (`site_id`,`revenue_cents`,`customer_id`);