CREATE TABLE `replacement_policies` (
	`workspace_id` text NOT NULL,
	`scope` text NOT NULL,
	`category` text NOT NULL,
	`max_age_months` integer NOT NULL,
	`warning_months` integer NOT NULL,
	`replacement_cost_cents` integer,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `scope`, `category`)
);
--> statement-breakpoint
CREATE TABLE `replacement_policy_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`scope` text NOT NULL,
	`actor` text NOT NULL,
	`actor_name` text NOT NULL,
	`changes` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `replacement_policy_events_ws_idx` ON `replacement_policy_events` (`workspace_id`,`created_at`);--> statement-breakpoint
DROP INDEX `assets_ws_report_idx`;--> statement-breakpoint
CREATE INDEX `assets_ws_report_idx` ON `assets` (`workspace_id`,`source`,`customer_id`,`category`,`status`,`ninja_offline`,`ninja_created_at`,`purchase_date`,`warranty_end`,`warranty_start`,`id`);