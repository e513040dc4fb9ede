CREATE TABLE `undo_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `undo_actions_expires_idx` ON `undo_actions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `undo_rows` (
	`undo_id` text NOT NULL,
	`kind` text NOT NULL,
	`row_id` text NOT NULL,
	`before` text,
	PRIMARY KEY(`undo_id`, `kind`, `row_id`)
);
--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_time` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_weekday` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `warranty_total` integer;