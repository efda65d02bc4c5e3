-- The owners (case numbers…) of the running clocks a calendar edit moved:
-- up to a million names, too many for one event. Each row belongs to the
-- calendar.changed event named by (stream, seq), which carries their count
-- and the SHA-256 of the names in order n, one per line, so the chain pins
-- them. Like the events, rows are only ever inserted.
CREATE TABLE calendar_moved_owners (
    stream  TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    n       INTEGER NOT NULL,
    owner   TEXT NOT NULL,
    PRIMARY KEY (stream, seq, n)
);
