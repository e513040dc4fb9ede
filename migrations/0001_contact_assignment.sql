ALTER TABLE `asset_events` ADD `actor_type` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `actor_id` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `actor_name` text;--> statement-breakpoint
ALTER TABLE `asset_events` ADD `rule` text;--> statement-breakpoint
ALTER TABLE `assets` ADD `contact_source` text;