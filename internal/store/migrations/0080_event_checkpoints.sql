-- The global checkpoint chain over the event log (internal/event/checkpoint.go,
-- docs/events.md). Each checkpoint pins every stream's head by a Merkle root and
-- carries the hash of the checkpoint before it. signature is the place left
-- for the signatures issue: a detached signature over hash, empty until then;
-- hash does not cover it.
CREATE TABLE event_checkpoints (
    seq        BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    streams    BIGINT NOT NULL,
    events     BIGINT NOT NULL,
    root       TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    signature  TEXT NOT NULL DEFAULT ''
);

-- Every stream's head as of the newest checkpoint (the leaves of its root),
-- and the checkpoint that last moved it. A checkpoint writes only the rows
-- of the streams that moved since the one before.
CREATE TABLE event_anchors (
    stream      TEXT PRIMARY KEY,
    seq         BIGINT NOT NULL,
    hash        TEXT NOT NULL,
    checkpoint  BIGINT NOT NULL
);

-- The newest checkpoint a verification found intact, so that the next
-- routine verification reads only what moved after it. One row.
CREATE TABLE event_verified (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checkpoint  BIGINT NOT NULL,
    at          BIGINT NOT NULL
);
