DROP INDEX `itemset_counts_site_count_idx`;--> statement-breakpoint
ALTER TABLE `customer_scores` ADD `interests` text;