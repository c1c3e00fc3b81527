-- A turn's writes on SQLite change fewer pages (#18); here a welcome's claim becomes a
-- "once:" key, which the prune keeps (FirstSeen). The tables and indexes stay as they
-- are: replicas of the previous release may still be running.

-- +goose Up
UPDATE inbound_event_rows SET key = 'once:' || key WHERE key LIKE 'teams:welcome:%';

-- +goose Down
UPDATE inbound_event_rows SET key = substr(key, 6) WHERE key LIKE 'once:teams:welcome:%';
