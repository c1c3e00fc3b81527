-- When an approved use comes into effect (#13): the deployment date and the last
-- training session (7) per system use, and the planned date of an EFVP not done yet
-- (6.3.2) per system.

-- +goose Up
ALTER TABLE system_rows ADD COLUMN efvp_planned timestamptz;
ALTER TABLE system_use_rows ADD COLUMN effective_from timestamptz;
ALTER TABLE system_use_rows ADD COLUMN training_by timestamptz;

-- +goose Down
ALTER TABLE system_use_rows DROP COLUMN training_by;
ALTER TABLE system_use_rows DROP COLUMN effective_from;
ALTER TABLE system_rows DROP COLUMN efvp_planned;
