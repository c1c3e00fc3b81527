-- Inbound event keys (#18). The table becomes WITHOUT ROWID, keyed by the key alone,
-- and loses its index on at: recording a key then changes one page (the key's place
-- in the table) instead of three (the rowid table, the key's index and the index on
-- at), and a turn's commit writes that much less to the WAL. The hourly prune reads
-- the whole table instead, a day of keys. A welcome's claim becomes a "once:" key,
-- which the prune keeps (FirstSeen).

-- +goose Up
CREATE TABLE `inbound_event_keys` (`key` text NOT NULL,`at` datetime,PRIMARY KEY (`key`)) WITHOUT ROWID;
INSERT INTO `inbound_event_keys` (`key`, `at`)
  SELECT CASE WHEN `key` LIKE 'teams:welcome:%' THEN 'once:' || `key` ELSE `key` END, `at` FROM `inbound_event_rows`;
DROP TABLE `inbound_event_rows`;
ALTER TABLE `inbound_event_keys` RENAME TO `inbound_event_rows`;

-- +goose Down
CREATE TABLE `inbound_event_rowid` (`key` text,`at` datetime,PRIMARY KEY (`key`));
INSERT INTO `inbound_event_rowid` (`key`, `at`)
  SELECT CASE WHEN `key` LIKE 'once:%' THEN substr(`key`, 6) ELSE `key` END, `at` FROM `inbound_event_rows`;
DROP TABLE `inbound_event_rows`;
ALTER TABLE `inbound_event_rowid` RENAME TO `inbound_event_rows`;
CREATE INDEX `idx_inbound_event_rows_at` ON `inbound_event_rows`(`at`);
