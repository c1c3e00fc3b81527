-- Dated delegations and reassignments (#19, procedure 30-02 6.3.3): a reviewer away
-- from one day to another, with the person standing in for them; a pending stage moved
-- by an administrator to another member or role; and, on a decision, whom its author
-- stood in for.

-- +goose Up
CREATE TABLE IF NOT EXISTS delegation_rows (
    id bigserial PRIMARY KEY,
    person_key varchar(255),
    person_name text,
    delegate_key varchar(255),
    delegate_name text,
    from_day timestamptz,
    to_day timestamptz,
    by_key text,
    by_name text,
    created_at timestamptz,
    ended_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_delegation_rows_person_key ON delegation_rows (person_key);
CREATE INDEX IF NOT EXISTS idx_delegation_rows_delegate_key ON delegation_rows (delegate_key);
CREATE TABLE IF NOT EXISTS assignment_rows (
    id bigserial PRIMARY KEY,
    request_id bigint,
    round bigint,
    stage varchar(32),
    to_key text,
    to_name text,
    to_role varchar(32),
    reason text,
    by_key text,
    by_name text,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_assignment_rows_request_id ON assignment_rows (request_id);
ALTER TABLE decision_rows ADD COLUMN for_key text;
ALTER TABLE decision_rows ADD COLUMN for_name text;

-- +goose Down
ALTER TABLE decision_rows DROP COLUMN for_name;
ALTER TABLE decision_rows DROP COLUMN for_key;
DROP TABLE IF EXISTS assignment_rows;
DROP TABLE IF EXISTS delegation_rows;
