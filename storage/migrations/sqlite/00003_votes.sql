-- Committee votes (#19): one vote per member, stage and round, which the member may
-- change until the stage closes; the stage's decision stays in decision_rows.

-- +goose Up
CREATE TABLE IF NOT EXISTS `vote_rows` (`id` integer PRIMARY KEY AUTOINCREMENT,`request_id` integer,`round` integer,`stage` text,`voter_key` text,`voter_name` text,`choice` text,`comment` text,`conditions` text,`details` text,`created_at` datetime,`updated_at` datetime);
CREATE UNIQUE INDEX IF NOT EXISTS `idx_vote_once` ON `vote_rows`(`request_id`,`round`,`stage`,`voter_key`);

-- +goose Down
DROP TABLE IF EXISTS `vote_rows`;
