-- Committee votes (#19): one vote per member, stage and round, which the member may
-- change until the stage closes; the stage's decision stays in decision_rows.

-- +goose Up
CREATE TABLE IF NOT EXISTS vote_rows (
    id bigserial PRIMARY KEY,
    request_id bigint,
    round bigint,
    stage varchar(32),
    voter_key varchar(255),
    voter_name text,
    choice varchar(32),
    comment text,
    conditions text,
    details text,
    created_at timestamptz,
    updated_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_vote_once ON vote_rows (request_id, round, stage, voter_key);

-- +goose Down
DROP TABLE IF EXISTS vote_rows;
