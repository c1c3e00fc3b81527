-- A turn's writes change fewer pages (#18), so its commit writes less to the WAL.
-- Inbound event keys: the table becomes WITHOUT ROWID, keyed by the key alone, without
-- its index on at: recording a key changes one page (the key's place in the table)
-- instead of three (the rowid table, the key's index, the index on at). The hourly
-- prune reads the whole table instead, a day of keys. A welcome's claim becomes a
-- "once:" key, which the prune keeps (FirstSeen).
-- The indexes on person_rows.last_seen_at and dialog_rows.updated_at go: every turn's
-- sighting or saved dialog rewrote an entry in them, and only the purge (a command run
-- now and then) and ORDER BY over one person's few rows read them.

-- +goose Up
CREATE TABLE `inbound_event_keys` (`key` text NOT NULL,`at` datetime,PRIMARY KEY (`key`)) WITHOUT ROWID;
INSERT INTO `inbound_event_keys` (`key`, `at`)
  SELECT CASE WHEN `key` LIKE 'teams:welcome:%' THEN 'once:' || `key` ELSE `key` END, `at` FROM `inbound_event_rows`;
DROP TABLE `inbound_event_rows`;
ALTER TABLE `inbound_event_keys` RENAME TO `inbound_event_rows`;
DROP INDEX IF EXISTS `idx_person_rows_last_seen_at`;
DROP INDEX IF EXISTS `idx_dialog_rows_updated_at`;

-- +goose Down
CREATE INDEX `idx_person_rows_last_seen_at` ON `person_rows`(`last_seen_at`);
CREATE INDEX `idx_dialog_rows_updated_at` ON `dialog_rows`(`updated_at`);
CREATE TABLE `inbound_event_rowid` (`key` text,`at` datetime,PRIMARY KEY (`key`));
INSERT INTO `inbound_event_rowid` (`key`, `at`)
  SELECT CASE WHEN `key` LIKE 'once:%' THEN substr(`key`, 6) ELSE `key` END, `at` FROM `inbound_event_rows`;
DROP TABLE `inbound_event_rows`;
ALTER TABLE `inbound_event_rowid` RENAME TO `inbound_event_rows`;
CREATE INDEX `idx_inbound_event_rows_at` ON `inbound_event_rows`(`at`);
