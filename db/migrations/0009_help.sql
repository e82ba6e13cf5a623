CREATE TABLE `help_article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`article_id` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text NOT NULL,
	`category_id` text,
	`status` text NOT NULL,
	`author_staff_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `help_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `help_article_revisions_article_idx` ON `help_article_revisions` (`article_id`,`id`);--> statement-breakpoint
CREATE TABLE `help_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`category_id` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text NOT NULL,
	`body_text` text NOT NULL,
	`search_title` text NOT NULL,
	`search_tags` text NOT NULL,
	`search_body` text NOT NULL,
	`status` text NOT NULL,
	`author_staff_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	`views` integer DEFAULT 0 NOT NULL,
	`helpful_yes` integer DEFAULT 0 NOT NULL,
	`helpful_no` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `help_categories`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_articles_site_slug_locale_uq` ON `help_articles` (`site_id`,`slug`,`locale`);--> statement-breakpoint
CREATE INDEX `help_articles_site_category_idx` ON `help_articles` (`site_id`,`locale`,`status`,`category_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `help_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`slug` text NOT NULL,
	`names` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_categories_site_slug_uq` ON `help_categories` (`site_id`,`slug`);--> statement-breakpoint
CREATE INDEX `help_categories_site_position_idx` ON `help_categories` (`site_id`,`position`);--> statement-breakpoint
CREATE TABLE `help_escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text,
	`query` text NOT NULL,
	`article_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_escalations_site_time_idx` ON `help_escalations` (`site_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_escalations_visitor_idx` ON `help_escalations` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `help_searches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text,
	`query` text NOT NULL,
	`locale` text NOT NULL,
	`results` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_searches_site_time_idx` ON `help_searches` (`site_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_searches_visitor_idx` ON `help_searches` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `help_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`article_id` integer NOT NULL,
	`visitor_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `help_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_views_site_time_idx` ON `help_views` (`site_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_views_visitor_idx` ON `help_views` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_views_article_idx` ON `help_views` (`article_id`);--> statement-breakpoint
CREATE TABLE `help_votes` (
	`site_id` text NOT NULL,
	`article_id` integer NOT NULL,
	`visitor_id` text NOT NULL,
	`helpful` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `visitor_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `help_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_votes_visitor_idx` ON `help_votes` (`visitor_id`);