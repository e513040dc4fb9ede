CREATE TABLE `report_cache` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`)
);
--> statement-breakpoint
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
DROP INDEX `assets_ws_name_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_customer_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_customer_created_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_customer_updated_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_category_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_category_created_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_category_updated_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_status_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_status_created_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_status_updated_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_source_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_source_created_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_source_updated_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_contact_idx`;--> statement-breakpoint
DROP INDEX `assets_ws_serial_idx`;--> statement-breakpoint
ALTER TABLE `assets` ADD `ninja_raw_hash` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `name_sort` text;--> statement-breakpoint
CREATE INDEX `assets_ws_name_sort_idx` ON `assets` (`workspace_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_sort_idx` ON `assets` (`workspace_id`,`customer_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_contact_sort_idx` ON `assets` (`workspace_id`,`contact_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_ninja_sync_idx` ON `assets` (`workspace_id`,`ninja_device_id`,`ninja_raw_hash`,`ninja_sync_hash`,`customer_id`,`customer_source`,`status`,`ninja_deleted_at`,`ninja_last_seen_run_id`,`ninja_unlisted_runs`,`ninja_org_id`,`id`) WHERE ninja_device_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_time` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_weekday` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `warranty_total` integer;