-- The approval item catalogue (事项目录). An item is a code and a department;
-- its content lives in numbered versions. current_version is the published
-- version the portal shows (0: never published); latest_version the newest
-- of any state. gen is the catalogue generation at the item's last change
-- the search index must see (publish, withdraw), so every node's in-process
-- index reloads only what changed.
CREATE TABLE catalog_items (
    code            TEXT PRIMARY KEY,
    department_code TEXT NOT NULL REFERENCES departments(code),
    region_code     TEXT NOT NULL,
    current_version INTEGER NOT NULL DEFAULT 0,
    latest_version  INTEGER NOT NULL DEFAULT 0,
    withdrawn       BOOLEAN NOT NULL DEFAULT FALSE,
    uses            BIGINT NOT NULL DEFAULT 0,
    gen             BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX catalog_items_department ON catalog_items(department_code);
CREATE INDEX catalog_items_gen ON catalog_items(gen);
CREATE INDEX catalog_items_uses ON catalog_items(uses);

-- One row per version. body is the whole item as JSON (the import/export
-- format); digest its SHA-256, also recorded in the publishing event. The
-- application changes body only while state = 'draft'.
CREATE TABLE catalog_versions (
    code         TEXT NOT NULL REFERENCES catalog_items(code),
    version      INTEGER NOT NULL,
    state        TEXT NOT NULL,
    name         TEXT NOT NULL,
    body         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    submitted_by TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT NOT NULL DEFAULT 0,
    published_by TEXT NOT NULL DEFAULT '',
    published_at BIGINT NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, version)
);
CREATE INDEX catalog_versions_state ON catalog_versions(state);

-- Sample files and blank forms of materials, by SHA-256; never overwritten.
CREATE TABLE catalog_files (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    data         {{blob}} NOT NULL,
    created_at   BIGINT NOT NULL
);

-- The catalogue generation: bumped in the transaction of every change the
-- search index must see. Updating the row serialises those changes, so
-- generations commit in order.
CREATE TABLE catalog_state (
    id  INTEGER PRIMARY KEY,
    gen BIGINT NOT NULL
);
INSERT INTO catalog_state (id, gen) VALUES (1, 0);
