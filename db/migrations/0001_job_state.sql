CREATE TABLE `job_state` (
	`name` text PRIMARY KEY NOT NULL,
	`cursor` text,
	`processed` integer DEFAULT 0 NOT NULL,
	`pass_started_at` integer,
	`last_finished_at` integer,
	`updated_at` integer NOT NULL
);
