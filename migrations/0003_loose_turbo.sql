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
ALTER TABLE `contacts` ADD `edited_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `contacts_ws_email_idx` ON `contacts` (`workspace_id`,lower(email));--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_found` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_linked` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_updated` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `contacts_skipped` integer DEFAULT 0 NOT NULL;