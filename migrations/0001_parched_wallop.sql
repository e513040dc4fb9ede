CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`summary` text NOT NULL,
	`ip` text,
	`target_type` text,
	`target_id` text,
	`link` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_ws_at_idx` ON `audit_events` (`workspace_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_ws_kind_at_idx` ON `audit_events` (`workspace_id`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_ws_actor_at_idx` ON `audit_events` (`workspace_id`,`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `known_devices` (
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`last_used_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`token_hash`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `known_devices_user_idx` ON `known_devices` (`user_id`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `heartbeat_at` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `watchdog_resent_at` integer;