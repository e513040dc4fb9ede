ALTER TABLE `integrations` ADD `sync_time` text;--> statement-breakpoint
ALTER TABLE `integrations` ADD `sync_weekday` integer;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `warranty_total` integer;