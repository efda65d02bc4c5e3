-- A signed opinion (意见) is never changed: its correction is a row of its own that
-- supersedes it once an approver has consented (seed 001 篇3 §17); the original
-- stays in the case's process state and its event. request_id makes a correction
-- sent twice one correction.
CREATE TABLE opinion_corrections (
    id          {{id}},
    case_number TEXT NOT NULL,
    task_id     TEXT NOT NULL,
    step        TEXT NOT NULL,
    author      TEXT NOT NULL,
    opinion     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    status      TEXT NOT NULL,
    request_id  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX opinion_corrections_case ON opinion_corrections(case_number, id);
