-- The schema of the last release without versioned migrations (gorm's AutoMigrate of
-- commit c54a4b5). Every statement is idempotent (IF NOT EXISTS, OR REPLACE, DROP …
-- IF EXISTS then CREATE), so a database that release created is taken as it is: this
-- migration baselines it. It runs in one transaction, under the migration lock.

-- +goose Up
CREATE TABLE IF NOT EXISTS use_rows (
    id varchar(64) PRIMARY KEY,
    label_fr text,
    label_en text,
    keywords_fr text,
    keywords_en text,
    automated_decision boolean,
    media boolean,
    disclosure_fr text,
    disclosure_en text,
    "position" bigint
);
CREATE TABLE IF NOT EXISTS system_rows (
    id varchar(64) PRIMARY KEY,
    name text,
    aliases text,
    kind varchar(16),
    open boolean,
    specialized boolean,
    vendor text,
    hosting varchar(16),
    status varchar(16),
    status_reason text,
    efvp_done timestamptz,
    efvp_next_review timestamptz,
    owner_key text,
    request_id bigint,
    "position" bigint,
    updated_at timestamptz
);
CREATE TABLE IF NOT EXISTS system_use_rows (
    system_id varchar(64) NOT NULL,
    use_id varchar(64) NOT NULL,
    rule varchar(16),
    conditions_fr text,
    conditions_en text,
    "position" bigint,
    PRIMARY KEY (system_id, use_id)
);
CREATE TABLE IF NOT EXISTS person_rows (
    id bigserial PRIMARY KEY,
    key varchar(255),
    channel varchar(16),
    user_id varchar(255),
    name text,
    email varchar(255),
    lang varchar(8),
    last_lang varchar(8),
    direct_ref text,
    last_seen_at timestamptz,
    created_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_person_key_channel ON person_rows (key, channel);
CREATE INDEX IF NOT EXISTS idx_person_rows_email ON person_rows (email);
CREATE INDEX IF NOT EXISTS idx_person_rows_last_seen_at ON person_rows (last_seen_at);
CREATE INDEX IF NOT EXISTS idx_person_rows_user_id ON person_rows (user_id);
CREATE TABLE IF NOT EXISTS role_channel_rows (
    role varchar(32) PRIMARY KEY,
    ref text,
    registered_by text,
    updated_at timestamptz
);
CREATE TABLE IF NOT EXISTS dialog_rows (
    person_key varchar(255) NOT NULL,
    kind varchar(32) NOT NULL,
    state text,
    updated_at timestamptz,
    PRIMARY KEY (person_key, kind)
);
CREATE INDEX IF NOT EXISTS idx_dialog_rows_updated_at ON dialog_rows (updated_at);
CREATE TABLE IF NOT EXISTS request_rows (
    id bigserial PRIMARY KEY,
    requester_key varchar(255),
    requester_name text,
    lang varchar(8),
    status varchar(32),
    round bigint,
    system_name text,
    supervisor_key text,
    stage_since timestamptz,
    submitted_at timestamptz,
    decided_at timestamptz,
    created_at timestamptz,
    updated_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_request_rows_requester_key ON request_rows (requester_key);
CREATE INDEX IF NOT EXISTS idx_request_rows_status ON request_rows (status);
CREATE INDEX IF NOT EXISTS idx_request_rows_updated_at ON request_rows (updated_at);
CREATE TABLE IF NOT EXISTS answer_rows (
    request_id bigint NOT NULL,
    item varchar(64) NOT NULL,
    value text,
    for_sti boolean,
    updated_at timestamptz,
    PRIMARY KEY (request_id, item),
    CONSTRAINT fk_request_rows_answers FOREIGN KEY (request_id) REFERENCES request_rows (id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS decision_rows (
    id bigserial PRIMARY KEY,
    request_id bigint,
    round bigint,
    stage varchar(32),
    decision varchar(32),
    actor_key text,
    actor_name text,
    comment text,
    details text,
    created_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_decision_once ON decision_rows (request_id, round, stage);
CREATE TABLE IF NOT EXISTS posted_card_rows (
    id bigserial PRIMARY KEY,
    request_id bigint,
    stage varchar(32),
    ref text,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_posted_card_rows_request_id ON posted_card_rows (request_id);
CREATE TABLE IF NOT EXISTS reminder_rows (
    id bigserial PRIMARY KEY,
    kind varchar(32),
    subject varchar(128),
    recipient_key varchar(255),
    due_at timestamptz,
    snoozed_until timestamptz,
    stopped boolean,
    data text,
    created_at timestamptz,
    updated_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_reminder_rows_due_at ON reminder_rows (due_at);
CREATE UNIQUE INDEX IF NOT EXISTS idx_reminder_subject ON reminder_rows (kind, subject, recipient_key);
CREATE TABLE IF NOT EXISTS delivery_rows (
    key varchar(400) PRIMARY KEY,
    kind varchar(32),
    recipient_key varchar(255),
    status varchar(16),
    attempts bigint,
    last_error text,
    created_at timestamptz,
    sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_delivery_rows_kind ON delivery_rows (kind);
CREATE INDEX IF NOT EXISTS idx_delivery_rows_recipient_key ON delivery_rows (recipient_key);
CREATE TABLE IF NOT EXISTS training_rows (
    request_id bigint NOT NULL,
    person_key varchar(255) NOT NULL,
    session_at timestamptz,
    completed_at timestamptz,
    PRIMARY KEY (request_id, person_key)
);
CREATE TABLE IF NOT EXISTS audit_rows (
    id bigserial PRIMARY KEY,
    at timestamptz,
    actor_key varchar(255),
    actor_name text,
    action varchar(64),
    subject varchar(128),
    from_state varchar(32),
    to_state varchar(32),
    comment text,
    sections text
);
CREATE INDEX IF NOT EXISTS idx_audit_rows_action ON audit_rows (action);
CREATE INDEX IF NOT EXISTS idx_audit_rows_at ON audit_rows (at);
CREATE INDEX IF NOT EXISTS idx_audit_rows_subject ON audit_rows (subject);
CREATE TABLE IF NOT EXISTS incident_rows (
    id bigserial PRIMARY KEY,
    reporter_key varchar(255),
    system text,
    data_kinds text,
    occurred_at text,
    description text,
    created_at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_incident_rows_reporter_key ON incident_rows (reporter_key);
CREATE TABLE IF NOT EXISTS inventory_rev_rows (
    id bigserial PRIMARY KEY,
    rev bigint,
    source text
);
CREATE TABLE IF NOT EXISTS inbound_event_rows (
    key varchar(200) PRIMARY KEY,
    at timestamptz
);
CREATE INDEX IF NOT EXISTS idx_inbound_event_rows_at ON inbound_event_rows (at);

-- The audit log is append-only in the database itself: no code path, nor a hand-written
-- SQL session, can rewrite history.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION iagbot_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$ LANGUAGE plpgsql;
-- +goose StatementEnd
DROP TRIGGER IF EXISTS audit_append_only ON audit_rows;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_rows
FOR EACH ROW EXECUTE FUNCTION iagbot_audit_append_only();

-- Every change to the inventory bumps one counter, so each replica sees with one cheap
-- query that its cached verdict engine is stale.
INSERT INTO inventory_rev_rows (id, rev, source) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION iagbot_bump_inventory_rev() RETURNS trigger AS $$
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql;
-- +goose StatementEnd
DROP TRIGGER IF EXISTS bump_inventory_rev ON use_rows;
CREATE TRIGGER bump_inventory_rev AFTER INSERT OR UPDATE OR DELETE ON use_rows
FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();
DROP TRIGGER IF EXISTS bump_inventory_rev ON system_rows;
CREATE TRIGGER bump_inventory_rev AFTER INSERT OR UPDATE OR DELETE ON system_rows
FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();
DROP TRIGGER IF EXISTS bump_inventory_rev ON system_use_rows;
CREATE TRIGGER bump_inventory_rev AFTER INSERT OR UPDATE OR DELETE ON system_use_rows
FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();

-- No Down: going back to before the first version is a restore (README, Operations).
