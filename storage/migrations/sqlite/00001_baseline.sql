-- The schema of the last release without versioned migrations (gorm's AutoMigrate of
-- commit c54a4b5), statement for statement. Every statement is IF NOT EXISTS, so a
-- database that release created is taken as it is: this migration baselines it.
-- It runs in the one transaction of the migration run, under SQLite's write lock.

-- +goose Up
CREATE TABLE IF NOT EXISTS `use_rows` (`id` text,`label_fr` text,`label_en` text,`keywords_fr` text,`keywords_en` text,`automated_decision` numeric,`media` numeric,`disclosure_fr` text,`disclosure_en` text,`position` integer,PRIMARY KEY (`id`));
CREATE TABLE IF NOT EXISTS `system_rows` (`id` text,`name` text,`aliases` text,`kind` text,`open` numeric,`specialized` numeric,`vendor` text,`hosting` text,`status` text,`status_reason` text,`efvp_done` datetime,`efvp_next_review` datetime,`owner_key` text,`request_id` integer,`position` integer,`updated_at` datetime,PRIMARY KEY (`id`));
CREATE TABLE IF NOT EXISTS `system_use_rows` (`system_id` text,`use_id` text,`rule` text,`conditions_fr` text,`conditions_en` text,`position` integer,PRIMARY KEY (`system_id`,`use_id`));
CREATE TABLE IF NOT EXISTS `person_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text,`channel` text,`user_id` text,`name` text,`email` text,`lang` text,`last_lang` text,`direct_ref` text,`last_seen_at` datetime,`created_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_person_rows_last_seen_at` ON `person_rows`(`last_seen_at`);
CREATE INDEX IF NOT EXISTS `idx_person_rows_email` ON `person_rows`(`email`);
CREATE INDEX IF NOT EXISTS `idx_person_rows_user_id` ON `person_rows`(`user_id`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_person_key_channel` ON `person_rows`(`key`,`channel`);
CREATE TABLE IF NOT EXISTS `role_channel_rows` (`role` text,`ref` text,`registered_by` text,`updated_at` datetime,PRIMARY KEY (`role`));
CREATE TABLE IF NOT EXISTS `dialog_rows` (`person_key` text,`kind` text,`state` text,`updated_at` datetime,PRIMARY KEY (`person_key`,`kind`));
CREATE INDEX IF NOT EXISTS `idx_dialog_rows_updated_at` ON `dialog_rows`(`updated_at`);
CREATE TABLE IF NOT EXISTS `request_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`requester_key` text,`requester_name` text,`lang` text,`status` text,`round` integer,`system_name` text,`supervisor_key` text,`stage_since` datetime,`submitted_at` datetime,`decided_at` datetime,`created_at` datetime,`updated_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_request_rows_updated_at` ON `request_rows`(`updated_at`);
CREATE INDEX IF NOT EXISTS `idx_request_rows_status` ON `request_rows`(`status`);
CREATE INDEX IF NOT EXISTS `idx_request_rows_requester_key` ON `request_rows`(`requester_key`);
CREATE TABLE IF NOT EXISTS `answer_rows` (`request_id` integer,`item` text,`value` text,`for_sti` numeric,`updated_at` datetime,PRIMARY KEY (`request_id`,`item`),CONSTRAINT `fk_request_rows_answers` FOREIGN KEY (`request_id`) REFERENCES `request_rows`(`id`) ON DELETE CASCADE);
CREATE TABLE IF NOT EXISTS `decision_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`request_id` integer,`round` integer,`stage` text,`decision` text,`actor_key` text,`actor_name` text,`comment` text,`details` text,`created_at` datetime);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_decision_once` ON `decision_rows`(`request_id`,`round`,`stage`);
CREATE TABLE IF NOT EXISTS `posted_card_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`request_id` integer,`stage` text,`ref` text,`created_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_posted_card_rows_request_id` ON `posted_card_rows`(`request_id`);
CREATE TABLE IF NOT EXISTS `reminder_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`kind` text,`subject` text,`recipient_key` text,`due_at` datetime,`snoozed_until` datetime,`stopped` numeric,`data` text,`created_at` datetime,`updated_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_reminder_rows_due_at` ON `reminder_rows`(`due_at`);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_reminder_subject` ON `reminder_rows`(`kind`,`subject`,`recipient_key`);
CREATE TABLE IF NOT EXISTS `delivery_rows` (`key` text,`kind` text,`recipient_key` text,`status` text,`attempts` integer,`last_error` text,`created_at` datetime,`sent_at` datetime,PRIMARY KEY (`key`));
CREATE INDEX IF NOT EXISTS `idx_delivery_rows_recipient_key` ON `delivery_rows`(`recipient_key`);
CREATE INDEX IF NOT EXISTS `idx_delivery_rows_kind` ON `delivery_rows`(`kind`);
CREATE TABLE IF NOT EXISTS `training_rows` (`request_id` integer,`person_key` text,`session_at` datetime,`completed_at` datetime,PRIMARY KEY (`request_id`,`person_key`));
CREATE TABLE IF NOT EXISTS `audit_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`at` datetime,`actor_key` text,`actor_name` text,`action` text,`subject` text,`from_state` text,`to_state` text,`comment` text,`sections` text);
CREATE INDEX IF NOT EXISTS `idx_audit_rows_subject` ON `audit_rows`(`subject`);
CREATE INDEX IF NOT EXISTS `idx_audit_rows_action` ON `audit_rows`(`action`);
CREATE INDEX IF NOT EXISTS `idx_audit_rows_at` ON `audit_rows`(`at`);
CREATE TABLE IF NOT EXISTS `incident_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`reporter_key` text,`system` text,`data_kinds` text,`occurred_at` text,`description` text,`created_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_incident_rows_reporter_key` ON `incident_rows`(`reporter_key`);
CREATE TABLE IF NOT EXISTS `inventory_rev_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`rev` integer,`source` text);
CREATE TABLE IF NOT EXISTS `inbound_event_rows` (`key` text,`at` datetime,PRIMARY KEY (`key`));
CREATE INDEX IF NOT EXISTS `idx_inbound_event_rows_at` ON `inbound_event_rows`(`at`);
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_use_rows_INSERT AFTER INSERT ON use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_use_rows_UPDATE AFTER UPDATE ON use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_use_rows_DELETE AFTER DELETE ON use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_rows_INSERT AFTER INSERT ON system_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_rows_UPDATE AFTER UPDATE ON system_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_rows_DELETE AFTER DELETE ON system_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_use_rows_INSERT AFTER INSERT ON system_use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_use_rows_UPDATE AFTER UPDATE ON system_use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS bump_rev_system_use_rows_DELETE AFTER DELETE ON system_use_rows
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS audit_no_UPDATE BEFORE UPDATE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER IF NOT EXISTS audit_no_DELETE BEFORE DELETE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
-- +goose StatementEnd
INSERT INTO `inventory_rev_rows` (`id`, `rev`, `source`) VALUES (1, 0, '') ON CONFLICT (`id`) DO NOTHING;

-- No Down: going back to before the first version is a restore (README, Operations).
