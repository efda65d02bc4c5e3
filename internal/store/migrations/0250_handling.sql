-- Handling a case between acceptance and decision (casework): special
-- procedures, extensions and fees. Each row changes with its event in the
-- case's stream, in one transaction; the clocks they pause, lengthen or
-- start are deadline's.

-- Special procedures (特别程序, Art. 45): hearing, tender, auction,
-- inspection, testing, quarantine, appraisal, expert review, site survey.
-- The case's clocks are paused from started_at to ended_at (0 while it
-- runs); spent_days is the working days the pause stopped them for.
CREATE TABLE special_procedures (
    id            {{id}},
    case_number   TEXT NOT NULL REFERENCES cases(number),
    kind          TEXT NOT NULL,
    expected_days INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    started_by    BIGINT NOT NULL REFERENCES users(id),
    started_at    BIGINT NOT NULL,
    ended_by      BIGINT REFERENCES users(id),
    ended_at      BIGINT NOT NULL DEFAULT 0,
    result        TEXT NOT NULL DEFAULT '',
    spent_days    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX special_procedures_case ON special_procedures(case_number, id);
-- One running special procedure per case, whatever races.
CREATE UNIQUE INDEX special_procedures_open ON special_procedures(case_number) WHERE ended_at = 0;

-- Extensions (延期, Art. 42): asked for by the handler with a reason,
-- approved or refused by the department's approver.
CREATE TABLE case_extensions (
    id           {{id}},
    case_number  TEXT NOT NULL REFERENCES cases(number),
    days         INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users(id),
    requested_at BIGINT NOT NULL,
    status       TEXT NOT NULL,
    decided_by   BIGINT REFERENCES users(id),
    decided_at   BIGINT NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_extensions_case ON case_extensions(case_number, id);
-- One request waits for the approver at a time.
CREATE UNIQUE INDEX case_extensions_pending ON case_extensions(case_number) WHERE status = 'requested';

-- Fees (Art. 58): an assessment by the handler from the item's fee list,
-- with a payment limit (a clock of purpose payment:ID) and, by the item's
-- option, automatic refusal when it passes (seed 001 篇3 §20).
CREATE TABLE fee_assessments (
    id            {{id}},
    case_number   TEXT NOT NULL REFERENCES cases(number),
    pay_days      INTEGER NOT NULL,
    refuse_unpaid BOOLEAN NOT NULL,
    total_fen     BIGINT NOT NULL,
    status        TEXT NOT NULL,
    assessed_by   BIGINT NOT NULL REFERENCES users(id),
    assessed_at   BIGINT NOT NULL,
    paid_by       BIGINT REFERENCES users(id),
    paid_at       BIGINT NOT NULL DEFAULT 0,
    reference     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fee_assessments_case ON fee_assessments(case_number, status);

CREATE TABLE fee_lines (
    assessment_id BIGINT NOT NULL REFERENCES fee_assessments(id),
    n             INTEGER NOT NULL,
    name          TEXT NOT NULL,
    amount_fen    BIGINT NOT NULL,
    basis         TEXT NOT NULL,
    PRIMARY KEY (assessment_id, n)
);
-- One assessment waits for payment at a time.
CREATE UNIQUE INDEX fee_assessments_due ON fee_assessments(case_number) WHERE status = 'due';
