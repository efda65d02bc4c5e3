-- Case numbers: region code + date + a sequence per region and day, e.g.
-- 320102-20261122-00001. The counter row is bumped inside the submitting
-- transaction, so a rolled-back submission leaves no gap and two
-- submissions never share a number.
CREATE TABLE case_sequences (
    region_code TEXT NOT NULL,
    day         TEXT NOT NULL,
    last        BIGINT NOT NULL,
    PRIMARY KEY (region_code, day)
);

-- Drafts are applications not yet submitted: no number, no clock.
CREATE TABLE drafts (
    id           TEXT PRIMARY KEY,
    applicant_id BIGINT NOT NULL REFERENCES users(id),
    item_code    TEXT NOT NULL,
    item_version INTEGER NOT NULL,
    form         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX drafts_applicant ON drafts(applicant_id);

-- Cases (办件), from the moment of receipt.
CREATE TABLE cases (
    number        TEXT PRIMARY KEY,
    region_code   TEXT NOT NULL REFERENCES regions(code),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    item_code     TEXT NOT NULL,
    item_version  INTEGER NOT NULL,
    item_name     TEXT NOT NULL,
    applicant_id  BIGINT NOT NULL REFERENCES users(id),
    channel       TEXT NOT NULL,
    registered_by BIGINT REFERENCES users(id),
    status        TEXT NOT NULL,
    query_code    TEXT NOT NULL,
    form          TEXT NOT NULL,
    submitted_at  BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX cases_applicant ON cases(applicant_id, submitted_at);
CREATE INDEX cases_department ON cases(department_id, status);

-- Materials (申请材料) of drafts and cases: files stored by SHA-256 under
-- the data directory, never overwritten. owner is draft:ID or case:NUMBER;
-- slot is the material's place in the item's list.
CREATE TABLE materials (
    id           {{id}},
    owner        TEXT NOT NULL,
    slot         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    filename     TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    added_at     BIGINT NOT NULL
);
CREATE INDEX materials_owner ON materials(owner, slot);
