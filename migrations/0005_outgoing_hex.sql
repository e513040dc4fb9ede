CREATE TABLE `report_cache` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`)
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
ALTER TABLE `assets` ADD `name_sort` text;--> statement-breakpoint
CREATE INDEX `assets_ws_name_sort_idx` ON `assets` (`workspace_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_customer_sort_idx` ON `assets` (`workspace_id`,`customer_id`,`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `assets_ws_contact_sort_idx` ON `assets` (`workspace_id`,`contact_id`,`name_sort`,`id`);