-- The Idempotency-Key of a state-changing API request (issue 11): recorded
-- in the transaction of the change the request made, so that a change and
-- its key commit together or not at all; the answer is stored just after.
-- status 0 is a change whose answer is not stored (yet); created names
-- what the change created, from which a retry's answer is rebuilt then.
CREATE TABLE idempotency_keys (
    user_id       BIGINT NOT NULL,
    idem_key      TEXT NOT NULL,
    request_hash  TEXT NOT NULL DEFAULT '',
    status        INTEGER NOT NULL DEFAULT 0,
    content_type  TEXT NOT NULL DEFAULT '',
    location      TEXT NOT NULL DEFAULT '',
    body          {{blob}},
    created       TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
