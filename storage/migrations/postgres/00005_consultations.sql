-- Consultations of the SGC and the SPOA by a deciding committee, and their opinions
-- (procedure 30-02, 8; #19). One consultation of a role per stage, round and seq: two
-- replicas asking at once record one.

-- +goose Up
CREATE TABLE consultation_rows (
    id bigserial PRIMARY KEY,
    request_id bigint,
    round bigint,
    stage varchar(32),
    role varchar(32),
    seq bigint,
    asked_by_key text,
    asked_by_name text,
    question text,
    asked_at timestamptz,
    opinion varchar(16),
    text text,
    by_key text,
    by_name text,
    answered_at timestamptz
);
CREATE UNIQUE INDEX idx_consultation_once ON consultation_rows (request_id, round, stage, role, seq);

-- +goose Down
DROP TABLE consultation_rows;
