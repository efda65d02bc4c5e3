-- The append-only event log. id orders all events for subscribers; (stream,
-- seq) orders a stream, and each event carries the hash of its predecessor in
-- the stream. The application never updates or deletes a row here.
CREATE TABLE events (
    id          {{id}},
    stream      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    type        TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          BIGINT NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (stream, seq)
);
CREATE INDEX events_type ON events(type);

-- The head of each stream: its last sequence number and hash. Updating it
-- locks the stream, so concurrent appends on PostgreSQL queue instead of
-- racing for the same sequence number.
CREATE TABLE event_heads (
    stream  TEXT PRIMARY KEY,
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
