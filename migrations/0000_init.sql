CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_ws_idx` ON `api_keys` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `asset_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`asset_id` text NOT NULL,
	`run_id` text,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`changes` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `asset_events_asset_idx` ON `asset_events` (`workspace_id`,`asset_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `asset_events_run_idx` ON `asset_events` (`workspace_id`,`run_id`,`asset_id`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`manufacturer` text,
	`model` text,
	`serial_number` text,
	`notes` text,
	`status` text NOT NULL,
	`category` text NOT NULL,
	`customer_id` text,
	`contact_id` text,
	`purchase_date` text,
	`install_date` text,
	`warranty_start` text,
	`warranty_end` text,
	`source` text NOT NULL,
	`ninja_device_id` integer,
	`ninja_device_uid` text,
	`ninja_org_id` integer,
	`ninja_location_id` integer,
	`ninja_role_id` integer,
	`ninja_node_class` text,
	`ninja_offline` integer,
	`ninja_last_contact` integer,
	`ninja_last_logged_in_user` text,
	`ninja_assigned_owner_uid` text,
	`ninja_created_at` integer,
	`ninja_os_name` text,
	`ninja_sync_hash` text,
	`ninja_last_seen_run_id` text,
	`ninja_deleted_at` integer,
	`warranty_checked_at` integer,
	`matched_by` text,
	`match_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assets_ws_name_idx` ON `assets` (`workspace_id`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_created_idx` ON `assets` (`workspace_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_updated_idx` ON `assets` (`workspace_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_idx` ON `assets` (`workspace_id`,`customer_id`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_created_idx` ON `assets` (`workspace_id`,`customer_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_updated_idx` ON `assets` (`workspace_id`,`customer_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_category_idx` ON `assets` (`workspace_id`,`category`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_category_created_idx` ON `assets` (`workspace_id`,`category`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_category_updated_idx` ON `assets` (`workspace_id`,`category`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_status_idx` ON `assets` (`workspace_id`,`status`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_status_created_idx` ON `assets` (`workspace_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_status_updated_idx` ON `assets` (`workspace_id`,`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_source_idx` ON `assets` (`workspace_id`,`source`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_source_created_idx` ON `assets` (`workspace_id`,`source`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_source_updated_idx` ON `assets` (`workspace_id`,`source`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_contact_idx` ON `assets` (`workspace_id`,`contact_id`,"name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_serial_idx` ON `assets` (`workspace_id`,`serial_number`);--> statement-breakpoint
CREATE INDEX `assets_ws_report_idx` ON `assets` (`workspace_id`,`source`,`customer_id`,`category`,`status`,`ninja_offline`,`ninja_created_at`,`purchase_date`,`warranty_end`);--> statement-breakpoint
CREATE UNIQUE INDEX `assets_ws_ninja_device_uq` ON `assets` (`workspace_id`,`ninja_device_id`) WHERE ninja_device_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `assets_ws_ninja_org_idx` ON `assets` (`workspace_id`,`ninja_org_id`);--> statement-breakpoint
CREATE INDEX `assets_ws_warranty_idx` ON `assets` (`workspace_id`,`warranty_checked_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`title` text,
	`ninja_uid` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contacts_ws_name_idx` ON `contacts` (`workspace_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_ws_customer_idx` ON `contacts` (`workspace_id`,`customer_id`,`name`);--> statement-breakpoint
CREATE INDEX `contacts_ws_name_nocase_idx` ON `contacts` (`workspace_id`,name COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`website` text,
	`notes` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customers_ws_name_idx` ON `customers` (`workspace_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `customers_ws_name_nocase_idx` ON `customers` (`workspace_id`,name COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE TABLE `integrations` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`provider` text DEFAULT 'ninjaone' NOT NULL,
	`client_id` text NOT NULL,
	`client_secret_enc` text NOT NULL,
	`client_secret_last4` text NOT NULL,
	`region` text NOT NULL,
	`dashboard_domain` text,
	`status` text NOT NULL,
	`status_reason` text,
	`connected_at` integer,
	`sync_frequency` text DEFAULT 'manual' NOT NULL,
	`next_sync_at` integer,
	`schedule_note` text,
	`last_run_id` text,
	`token_version` integer DEFAULT 0 NOT NULL,
	`token_key` text,
	`refresh_lock_until` integer,
	`refresh_lock_owner` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `integrations_due_idx` ON `integrations` (`next_sync_at`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `ninja_locations` (
	`workspace_id` text NOT NULL,
	`ninja_location_id` integer NOT NULL,
	`ninja_org_id` integer NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `ninja_location_id`)
);
--> statement-breakpoint
CREATE TABLE `ninja_organizations` (
	`workspace_id` text NOT NULL,
	`ninja_org_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`device_count` integer DEFAULT 0 NOT NULL,
	`customer_id` text,
	`mapping_source` text,
	`match_score` integer,
	`suggested_customer_id` text,
	`last_seen_run_id` text,
	`vanished_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `ninja_org_id`)
);
--> statement-breakpoint
CREATE TABLE `ninja_roles` (
	`workspace_id` text NOT NULL,
	`ninja_role_id` integer NOT NULL,
	`name` text NOT NULL,
	`node_class` text,
	`category_override` text,
	`mark_inactive_on_delete` integer,
	PRIMARY KEY(`workspace_id`, `ninja_role_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`link` text,
	`dedup_key` text,
	`read_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`workspace_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedup_uq` ON `notifications` (`workspace_id`,`user_id`,`dedup_key`) WHERE dedup_key IS NOT NULL;--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sync_run_deferred` (
	`run_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`ninja_device_id` integer NOT NULL,
	`serial` text NOT NULL,
	`candidate_asset_id` text NOT NULL,
	`page_after` integer NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `ninja_device_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_run_deferred_serial_idx` ON `sync_run_deferred` (`run_id`,`serial`);--> statement-breakpoint
CREATE TABLE `sync_run_errors` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`ninja_device_id` integer,
	`kind` text DEFAULT 'device_invalid' NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_run_errors_run_idx` ON `sync_run_errors` (`run_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sync_run_pages` (
	`run_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`after` integer NOT NULL,
	`next_after` integer,
	`devices` integer NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`errors` integer NOT NULL,
	`rows_written` integer NOT NULL,
	`linked` integer DEFAULT 0 NOT NULL,
	`reactivated` integer DEFAULT 0 NOT NULL,
	`inactivated` integer DEFAULT 0 NOT NULL,
	`deferred` integer DEFAULT 0 NOT NULL,
	`missing` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `after`)
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`phase` text DEFAULT 'organizations' NOT NULL,
	`checkpoint` text,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`devices_found` integer DEFAULT 0 NOT NULL,
	`assets_created` integer DEFAULT 0 NOT NULL,
	`assets_updated` integer DEFAULT 0 NOT NULL,
	`assets_unchanged` integer DEFAULT 0 NOT NULL,
	`assets_inactivated` integer DEFAULT 0 NOT NULL,
	`assets_reactivated` integer DEFAULT 0 NOT NULL,
	`orgs_matched` integer DEFAULT 0 NOT NULL,
	`orgs_unmatched` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`rows_written` integer DEFAULT 0 NOT NULL,
	`assets_linked` integer DEFAULT 0 NOT NULL,
	`devices_expected` integer,
	`warranty_checked` integer DEFAULT 0 NOT NULL,
	`warranty_updated` integer DEFAULT 0 NOT NULL,
	`failure_reason` text,
	`last_error` text,
	`started_at` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_runs_ws_created_idx` ON `sync_runs` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_runs_one_active_uq` ON `sync_runs` (`workspace_id`) WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`customer_id` text,
	`contact_id` text,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_ws_number_uq` ON `tickets` (`workspace_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_ws_created_idx` ON `tickets` (`workspace_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_ws_customer_idx` ON `tickets` (`workspace_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `tickets_ws_status_number_idx` ON `tickets` (`workspace_id`,`status`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_ws_contact_idx` ON `tickets` (`workspace_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_ws_idx` ON `users` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mark_inactive_on_delete` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
