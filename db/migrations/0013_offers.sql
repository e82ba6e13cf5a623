CREATE TABLE `offer_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`exposure_id` text NOT NULL,
	`type` text NOT NULL,
	`client_event_id` text,
	`order_id` text,
	`revenue_cents` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exposure_id`) REFERENCES `offer_exposures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_events_site_client_uq` ON `offer_events` (`site_id`,`client_event_id`);--> statement-breakpoint
CREATE INDEX `offer_events_exposure_idx` ON `offer_events` (`exposure_id`,`type`);--> statement-breakpoint
CREATE INDEX `offer_events_order_idx` ON `offer_events` (`order_id`) WHERE "offer_events"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `offer_exposures` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`offer_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`person_key` text NOT NULL,
	`group` text NOT NULL,
	`segment` text NOT NULL,
	`first_exposed_at` integer NOT NULL,
	`exposed_day` integer NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`last_impression_at` integer,
	`clicked_at` integer,
	`dismissed_at` integer,
	`converted_at` integer,
	`order_id` text,
	`revenue_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_exposures_customer_offer_uq` ON `offer_exposures` (`customer_id`,`offer_id`);--> statement-breakpoint
CREATE INDEX `offer_exposures_report_idx` ON `offer_exposures` (`site_id`,`offer_id`,`segment`,`group`,`exposed_day`,`impressions`,`clicked_at`,`converted_at`,`revenue_cents`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`placement` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`image_url` text,
	`cta_label` text,
	`cta_url` text,
	`discount_code` text,
	`discount_percent` integer,
	`discount_amount_cents` integer,
	`locales` text DEFAULT '{}' NOT NULL,
	`skus` text DEFAULT '[]' NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`priority` integer DEFAULT 0 NOT NULL,
	`frequency_cap` integer,
	`budget` integer,
	`targeting` text DEFAULT '[]' NOT NULL,
	`exclude_external_ids` text DEFAULT '[]' NOT NULL,
	`holdout_percent` integer DEFAULT 10 NOT NULL,
	`holdout_override` integer DEFAULT false NOT NULL,
	`attribution_days` integer DEFAULT 7 NOT NULL,
	`referral` integer DEFAULT false NOT NULL,
	`treatment_exposed` integer DEFAULT 0 NOT NULL,
	`treatment_conversions` integer DEFAULT 0 NOT NULL,
	`treatment_revenue_cents` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offers_site_status_idx` ON `offers` (`site_id`,`status`,`placement`);--> statement-breakpoint
CREATE TABLE `referral_attributions` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`code` text NOT NULL,
	`customer_id` text NOT NULL,
	`referrer_id` text NOT NULL,
	`attributed_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code`) REFERENCES `referral_links`(`code`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`referrer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referral_attributions_customer_uq` ON `referral_attributions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `referral_attributions_code_idx` ON `referral_attributions` (`code`);--> statement-breakpoint
CREATE INDEX `referral_attributions_referrer_idx` ON `referral_attributions` (`referrer_id`,`attributed_at`);--> statement-breakpoint
CREATE TABLE `referral_links` (
	`code` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`offer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referral_links_customer_offer_uq` ON `referral_links` (`customer_id`,`offer_id`);