CREATE TABLE `association_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`antecedent` text NOT NULL,
	`consequent` text NOT NULL,
	`support_count` integer NOT NULL,
	`support` real NOT NULL,
	`confidence` real NOT NULL,
	`lift` real NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `association_rules_site_antecedent_idx` ON `association_rules` (`site_id`,`antecedent`,`confidence`);--> statement-breakpoint
CREATE INDEX `association_rules_site_lift_idx` ON `association_rules` (`site_id`,`lift`);--> statement-breakpoint
CREATE TABLE `browsing_groups` (
	`site_id` text NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`centroid` text NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `group_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `customer_scores` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`revenue_cents` integer DEFAULT 0 NOT NULL,
	`first_order_at` integer,
	`last_order_at` integer,
	`mean_gap_days` real,
	`gap_cv` real,
	`recency` integer,
	`frequency` integer,
	`monetary` integer,
	`rfm_code` text,
	`segment` text,
	`tier` text,
	`stage` text NOT NULL,
	`churn_risk` real,
	`churn_reasons` text DEFAULT '[]' NOT NULL,
	`clv_12m_cents` integer,
	`interests` text,
	`group_id` integer,
	`scored_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_scores_site_last_order_idx` ON `customer_scores` (`site_id`,`last_order_at`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_orders_idx` ON `customer_scores` (`site_id`,`orders`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_revenue_idx` ON `customer_scores` (`site_id`,`revenue_cents`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_segment_idx` ON `customer_scores` (`site_id`,`segment`,`churn_risk`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_tier_idx` ON `customer_scores` (`site_id`,`tier`,`churn_risk`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_stage_idx` ON `customer_scores` (`site_id`,`stage`,`churn_risk`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_group_idx` ON `customer_scores` (`site_id`,`group_id`,`churn_risk`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_churn_idx` ON `customer_scores` (`site_id`,`churn_risk`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_scores_site_clv_idx` ON `customer_scores` (`site_id`,`clv_12m_cents`,`customer_id`);--> statement-breakpoint
CREATE TABLE `itemset_counts` (
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`items` text NOT NULL,
	`size` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`site_id`, `kind`, `items`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scoring_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`scored` integer DEFAULT 0 NOT NULL,
	`boundaries` text,
	`distribution` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scoring_runs_site_started_idx` ON `scoring_runs` (`site_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `scoring_settings` (
	`site_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sequence_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`antecedent` text NOT NULL,
	`consequent` text NOT NULL,
	`support_count` integer NOT NULL,
	`support` real NOT NULL,
	`confidence` real NOT NULL,
	`lift` real NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sequence_rules_site_antecedent_idx` ON `sequence_rules` (`site_id`,`antecedent`,`confidence`);--> statement-breakpoint
CREATE INDEX `sequence_rules_site_lift_idx` ON `sequence_rules` (`site_id`,`lift`);--> statement-breakpoint
CREATE INDEX `customer_stats_site_last_order_idx` ON `customer_stats` (`site_id`,`last_order_at`,`customer_id`);