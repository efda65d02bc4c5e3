-- How far each durable consumer of the log has handled it (see
-- internal/event/consumer.go): the position of the last event of its last
-- acknowledged batch, or of the log's end it had read to.
CREATE TABLE event_consumers (
    name        TEXT PRIMARY KEY,
    pos         BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
