-- The log's commit order on PostgreSQL (see internal/event/position.go).
-- Identity values are handed out at insert, so id order is not the order in
-- which events become visible; pos is given under a lock as a transaction's
-- last step before commit, and is. It is NULL only until that step, which no
-- other transaction can see. SQLite has one writer: there id is that order.
ALTER TABLE events ADD COLUMN pos BIGINT;
UPDATE events SET pos = id;
CREATE UNIQUE INDEX events_pos ON events(pos);

-- The last position given. Its one row is the lock: a transaction that
-- numbers its events updates it and holds it until it has committed.
CREATE TABLE event_log_head (
    one  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    pos  BIGINT NOT NULL
);
INSERT INTO event_log_head (pos) SELECT COALESCE(MAX(pos), 0) FROM events;
