CREATE TABLE `ninja_people` (
	`workspace_id` text NOT NULL,
	`ninja_uid` text NOT NULL,
	`kind` text NOT NULL,
	`ninja_id` integer NOT NULL,
	`ninja_org_id` integer,
	`contact_id` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`email` text,
	`phone` text,
	`title` text,
	`last_run_id` text,
	`last_action` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `ninja_uid`)
);
--> statement-breakpoint
CREATE INDEX `ninja_people_contact_idx` ON `ninja_people` (`workspace_id`,`contact_id`);--> statement-breakpoint
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
CREATE TABLE `report_cache` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `sync_serial_clashes` (
	`run_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`ninja_device_id` integer NOT NULL,
	`serial` text NOT NULL,
	`asset_id` text NOT NULL,
	`customer_id` text,
	`other_asset_id` text NOT NULL,
	`other_customer_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `ninja_device_id`, `other_asset_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_serial_clashes_ws_idx` ON `sync_serial_clashes` (`workspace_id`,`run_id`);--> statement-breakpoint
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
DROP INDEX `assets_ws_report_idx`;--> statement-breakpoint
ALTER TABLE `assets` ADD `contact_source` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `ninja_raw_hash` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `serial_key` text GENERATED ALWAYS AS (nullif(upper(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(serial_number, char(9), ' '), char(10), ' '), char(11), ' '), char(12), ' '), char(13), ' '), char(160), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))), '')) VIRTUAL;--> statement-breakpoint
ALTER TABLE `assets` ADD `customer_source` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `ninja_unlisted_runs` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `assets` ADD `ninja_unlisted_run_id` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `name_sort` text;--> statement-breakpoint
CREATE INDEX `assets_ws_name_sort_idx` ON `assets` (`workspace_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_sort_idx` ON `assets` (`workspace_id`,`customer_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_contact_sort_idx` ON `assets` (`workspace_id`,`contact_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_serial_key_idx` ON `assets` (`workspace_id`,`serial_key`);--> statement-breakpoint
CREATE INDEX `assets_ws_ninja_sync_idx` ON `assets` (`workspace_id`,`ninja_device_id`,`ninja_raw_hash`,`ninja_sync_hash`,`customer_id`,`customer_source`,`status`,`ninja_deleted_at`,`ninja_last_seen_run_id`,`ninja_unlisted_runs`,`ninja_org_id`,`id`) WHERE ninja_device_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `assets_ws_report_idx` ON `assets` (`workspace_id`,`source`,`customer_id`,`category`,`status`,`ninja_offline`,`ninja_created_at`,`purchase_date`,`warranty_end`,`warranty_start`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text,
	`api_key_id` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_oauth_states`("state_hash", "workspace_id", "user_id", "session_id", "expires_at", "used_at", "created_at") SELECT "state_hash", "workspace_id", "user_id", "session_id", "expires_at", "used_at", "created_at" FROM `oauth_states`;--> statement-breakpoint
DROP TABLE `oauth_states`;--> statement-breakpoint
ALTER TABLE `__new_oauth_states` RENAME TO `oauth_states`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `actor_type` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `actor_id` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `actor_name` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `rule` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `edited_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `contacts_ws_email_idx` ON `contacts` (`workspace_id`,lower(email));--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_time` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_weekday` integer;--> statement-breakpoint
ALTER TABLE `sync_run_pages` ADD `confirmed_deleted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_run_pages` ADD `kept_unlisted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `warranty_total` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `devices_confirmed_deleted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `devices_kept_unlisted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `serial_clashes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_found` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_linked` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_updated` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_skipped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;