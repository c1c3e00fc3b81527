-- Dated delegations and reassignments (#19, procedure 30-02 6.3.3): a reviewer away
-- from one day to another, with the person standing in for them; a pending stage moved
-- by an administrator to another member or role; and, on a decision, whom its author
-- stood in for.

-- +goose Up
CREATE TABLE IF NOT EXISTS `delegation_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`person_key` text,`person_name` text,`delegate_key` text,`delegate_name` text,`from_day` datetime,`to_day` datetime,`by_key` text,`by_name` text,`created_at` datetime,`ended_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_delegation_rows_person_key` ON `delegation_rows`(`person_key`);
CREATE INDEX IF NOT EXISTS `idx_delegation_rows_delegate_key` ON `delegation_rows`(`delegate_key`);
CREATE TABLE IF NOT EXISTS `assignment_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`request_id` integer,`round` integer,`stage` text,`to_key` text,`to_name` text,`to_role` text,`reason` text,`by_key` text,`by_name` text,`created_at` datetime);
CREATE INDEX IF NOT EXISTS `idx_assignment_rows_request_id` ON `assignment_rows`(`request_id`);
ALTER TABLE `decision_rows` ADD COLUMN `for_key` text;
ALTER TABLE `decision_rows` ADD COLUMN `for_name` text;

-- +goose Down
ALTER TABLE `decision_rows` DROP COLUMN `for_name`;
ALTER TABLE `decision_rows` DROP COLUMN `for_key`;
DROP TABLE IF EXISTS `assignment_rows`;
DROP TABLE IF EXISTS `delegation_rows`;
