ALTER TABLE `assets` ADD `age_basis_ms` integer GENERATED ALWAYS AS (COALESCE(CAST(strftime('%s', purchase_date) AS INTEGER) * 1000, CAST(strftime('%s', warranty_start) AS INTEGER) * 1000, ninja_created_at)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `assets_ws_category_idx` ON `assets` (`workspace_id`,`category`);--> statement-breakpoint
CREATE INDEX `assets_ws_status_idx` ON `assets` (`workspace_id`,`status`);--> statement-breakpoint
CREATE INDEX `assets_ws_online_idx` ON `assets` (`workspace_id`,`ninja_offline`);--> statement-breakpoint
CREATE INDEX `assets_ws_warranty_end_idx` ON `assets` (`workspace_id`,`warranty_end`,`source`);--> statement-breakpoint
CREATE INDEX `assets_ws_age_basis_idx` ON `assets` (`workspace_id`,`age_basis_ms`,`source`);