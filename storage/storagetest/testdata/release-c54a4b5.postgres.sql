-- The schema gorm's AutoMigrate created on PostgreSQL at commit c54a4b5 (the release before
-- versioned migrations), from pg_dump --schema-only, schema name removed; and its one row.

CREATE FUNCTION iagbot_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;

CREATE FUNCTION iagbot_bump_inventory_rev() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; RETURN NULL; END $$;

CREATE TABLE answer_rows (
    request_id bigint NOT NULL,
    item character varying(64) NOT NULL,
    value text,
    for_sti boolean,
    updated_at timestamp with time zone
);

CREATE TABLE audit_rows (
    id bigint NOT NULL,
    at timestamp with time zone,
    actor_key character varying(255),
    actor_name text,
    action character varying(64),
    subject character varying(128),
    from_state character varying(32),
    to_state character varying(32),
    comment text,
    sections text
);

CREATE SEQUENCE audit_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE audit_rows_id_seq OWNED BY audit_rows.id;

CREATE TABLE decision_rows (
    id bigint NOT NULL,
    request_id bigint,
    round bigint,
    stage character varying(32),
    decision character varying(32),
    actor_key text,
    actor_name text,
    comment text,
    details text,
    created_at timestamp with time zone
);

CREATE SEQUENCE decision_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE decision_rows_id_seq OWNED BY decision_rows.id;

CREATE TABLE delivery_rows (
    key character varying(400) NOT NULL,
    kind character varying(32),
    recipient_key character varying(255),
    status character varying(16),
    attempts bigint,
    last_error text,
    created_at timestamp with time zone,
    sent_at timestamp with time zone
);

CREATE TABLE dialog_rows (
    person_key character varying(255) NOT NULL,
    kind character varying(32) NOT NULL,
    state text,
    updated_at timestamp with time zone
);

CREATE TABLE inbound_event_rows (
    key character varying(200) NOT NULL,
    at timestamp with time zone
);

CREATE TABLE incident_rows (
    id bigint NOT NULL,
    reporter_key character varying(255),
    system text,
    data_kinds text,
    occurred_at text,
    description text,
    created_at timestamp with time zone
);

CREATE SEQUENCE incident_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE incident_rows_id_seq OWNED BY incident_rows.id;

CREATE TABLE inventory_rev_rows (
    id bigint NOT NULL,
    rev bigint,
    source text
);

CREATE SEQUENCE inventory_rev_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE inventory_rev_rows_id_seq OWNED BY inventory_rev_rows.id;

CREATE TABLE person_rows (
    id bigint NOT NULL,
    key character varying(255),
    channel character varying(16),
    user_id character varying(255),
    name text,
    email character varying(255),
    lang character varying(8),
    last_lang character varying(8),
    direct_ref text,
    last_seen_at timestamp with time zone,
    created_at timestamp with time zone
);

CREATE SEQUENCE person_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE person_rows_id_seq OWNED BY person_rows.id;

CREATE TABLE posted_card_rows (
    id bigint NOT NULL,
    request_id bigint,
    stage character varying(32),
    ref text,
    created_at timestamp with time zone
);

CREATE SEQUENCE posted_card_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE posted_card_rows_id_seq OWNED BY posted_card_rows.id;

CREATE TABLE reminder_rows (
    id bigint NOT NULL,
    kind character varying(32),
    subject character varying(128),
    recipient_key character varying(255),
    due_at timestamp with time zone,
    snoozed_until timestamp with time zone,
    stopped boolean,
    data text,
    created_at timestamp with time zone,
    updated_at timestamp with time zone
);

CREATE SEQUENCE reminder_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE reminder_rows_id_seq OWNED BY reminder_rows.id;

CREATE TABLE request_rows (
    id bigint NOT NULL,
    requester_key character varying(255),
    requester_name text,
    lang character varying(8),
    status character varying(32),
    round bigint,
    system_name text,
    supervisor_key text,
    stage_since timestamp with time zone,
    submitted_at timestamp with time zone,
    decided_at timestamp with time zone,
    created_at timestamp with time zone,
    updated_at timestamp with time zone
);

CREATE SEQUENCE request_rows_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE request_rows_id_seq OWNED BY request_rows.id;

CREATE TABLE role_channel_rows (
    role character varying(32) NOT NULL,
    ref text,
    registered_by text,
    updated_at timestamp with time zone
);

CREATE TABLE system_rows (
    id character varying(64) NOT NULL,
    name text,
    aliases text,
    kind character varying(16),
    open boolean,
    specialized boolean,
    vendor text,
    hosting character varying(16),
    status character varying(16),
    status_reason text,
    efvp_done timestamp with time zone,
    efvp_next_review timestamp with time zone,
    owner_key text,
    request_id bigint,
    "position" bigint,
    updated_at timestamp with time zone
);

CREATE TABLE system_use_rows (
    system_id character varying(64) NOT NULL,
    use_id character varying(64) NOT NULL,
    rule character varying(16),
    conditions_fr text,
    conditions_en text,
    "position" bigint
);

CREATE TABLE training_rows (
    request_id bigint NOT NULL,
    person_key character varying(255) NOT NULL,
    session_at timestamp with time zone,
    completed_at timestamp with time zone
);

CREATE TABLE use_rows (
    id character varying(64) NOT NULL,
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

ALTER TABLE ONLY audit_rows ALTER COLUMN id SET DEFAULT nextval('audit_rows_id_seq'::regclass);

ALTER TABLE ONLY decision_rows ALTER COLUMN id SET DEFAULT nextval('decision_rows_id_seq'::regclass);

ALTER TABLE ONLY incident_rows ALTER COLUMN id SET DEFAULT nextval('incident_rows_id_seq'::regclass);

ALTER TABLE ONLY inventory_rev_rows ALTER COLUMN id SET DEFAULT nextval('inventory_rev_rows_id_seq'::regclass);

ALTER TABLE ONLY person_rows ALTER COLUMN id SET DEFAULT nextval('person_rows_id_seq'::regclass);

ALTER TABLE ONLY posted_card_rows ALTER COLUMN id SET DEFAULT nextval('posted_card_rows_id_seq'::regclass);

ALTER TABLE ONLY reminder_rows ALTER COLUMN id SET DEFAULT nextval('reminder_rows_id_seq'::regclass);

ALTER TABLE ONLY request_rows ALTER COLUMN id SET DEFAULT nextval('request_rows_id_seq'::regclass);

ALTER TABLE ONLY answer_rows
    ADD CONSTRAINT answer_rows_pkey PRIMARY KEY (request_id, item);

ALTER TABLE ONLY audit_rows
    ADD CONSTRAINT audit_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY decision_rows
    ADD CONSTRAINT decision_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY delivery_rows
    ADD CONSTRAINT delivery_rows_pkey PRIMARY KEY (key);

ALTER TABLE ONLY dialog_rows
    ADD CONSTRAINT dialog_rows_pkey PRIMARY KEY (person_key, kind);

ALTER TABLE ONLY inbound_event_rows
    ADD CONSTRAINT inbound_event_rows_pkey PRIMARY KEY (key);

ALTER TABLE ONLY incident_rows
    ADD CONSTRAINT incident_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY inventory_rev_rows
    ADD CONSTRAINT inventory_rev_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY person_rows
    ADD CONSTRAINT person_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY posted_card_rows
    ADD CONSTRAINT posted_card_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY reminder_rows
    ADD CONSTRAINT reminder_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY request_rows
    ADD CONSTRAINT request_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY role_channel_rows
    ADD CONSTRAINT role_channel_rows_pkey PRIMARY KEY (role);

ALTER TABLE ONLY system_rows
    ADD CONSTRAINT system_rows_pkey PRIMARY KEY (id);

ALTER TABLE ONLY system_use_rows
    ADD CONSTRAINT system_use_rows_pkey PRIMARY KEY (system_id, use_id);

ALTER TABLE ONLY training_rows
    ADD CONSTRAINT training_rows_pkey PRIMARY KEY (request_id, person_key);

ALTER TABLE ONLY use_rows
    ADD CONSTRAINT use_rows_pkey PRIMARY KEY (id);

CREATE INDEX idx_audit_rows_action ON audit_rows USING btree (action);

CREATE INDEX idx_audit_rows_at ON audit_rows USING btree (at);

CREATE INDEX idx_audit_rows_subject ON audit_rows USING btree (subject);

CREATE UNIQUE INDEX idx_decision_once ON decision_rows USING btree (request_id, round, stage);

CREATE INDEX idx_delivery_rows_kind ON delivery_rows USING btree (kind);

CREATE INDEX idx_delivery_rows_recipient_key ON delivery_rows USING btree (recipient_key);

CREATE INDEX idx_dialog_rows_updated_at ON dialog_rows USING btree (updated_at);

CREATE INDEX idx_inbound_event_rows_at ON inbound_event_rows USING btree (at);

CREATE INDEX idx_incident_rows_reporter_key ON incident_rows USING btree (reporter_key);

CREATE UNIQUE INDEX idx_person_key_channel ON person_rows USING btree (key, channel);

CREATE INDEX idx_person_rows_email ON person_rows USING btree (email);

CREATE INDEX idx_person_rows_last_seen_at ON person_rows USING btree (last_seen_at);

CREATE INDEX idx_person_rows_user_id ON person_rows USING btree (user_id);

CREATE INDEX idx_posted_card_rows_request_id ON posted_card_rows USING btree (request_id);

CREATE INDEX idx_reminder_rows_due_at ON reminder_rows USING btree (due_at);

CREATE UNIQUE INDEX idx_reminder_subject ON reminder_rows USING btree (kind, subject, recipient_key);

CREATE INDEX idx_request_rows_requester_key ON request_rows USING btree (requester_key);

CREATE INDEX idx_request_rows_status ON request_rows USING btree (status);

CREATE INDEX idx_request_rows_updated_at ON request_rows USING btree (updated_at);

CREATE TRIGGER audit_append_only BEFORE DELETE OR UPDATE ON audit_rows FOR EACH ROW EXECUTE FUNCTION iagbot_audit_append_only();

CREATE TRIGGER bump_inventory_rev AFTER INSERT OR DELETE OR UPDATE ON system_rows FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();

CREATE TRIGGER bump_inventory_rev AFTER INSERT OR DELETE OR UPDATE ON system_use_rows FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();

CREATE TRIGGER bump_inventory_rev AFTER INSERT OR DELETE OR UPDATE ON use_rows FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev();

ALTER TABLE ONLY answer_rows
    ADD CONSTRAINT fk_request_rows_answers FOREIGN KEY (request_id) REFERENCES request_rows(id) ON DELETE CASCADE;

INSERT INTO inventory_rev_rows (id, rev, source) VALUES (1, 0, '');
