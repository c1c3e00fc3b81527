-- Consultations of the SGC and the SPOA by a deciding committee, and their opinions
-- (procedure 30-02, 8; #19). One consultation of a role per stage, round and seq: two
-- replicas asking at once record one.

-- +goose Up
CREATE TABLE `consultation_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`request_id` integer,`round` integer,`stage` text,`role` text,`seq` integer,`asked_by_key` text,`asked_by_name` text,`question` text,`asked_at` datetime,`opinion` text,`text` text,`by_key` text,`by_name` text,`answered_at` datetime);
CREATE UNIQUE INDEX `idx_consultation_once` ON `consultation_rows`(`request_id`,`round`,`stage`,`role`,`seq`);

-- +goose Down
DROP TABLE `consultation_rows`;
