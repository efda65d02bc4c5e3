-- Uploaded files kept in PostgreSQL, so that every Shenpi server on the
-- database reads every file (internal/blob/postgres.go). A file is a row of
-- blobs, named by its SHA-256, and its content in chunks of up to 1 MiB;
-- chunks of a file still arriving belong to a row of blob_uploads until the
-- whole file is in and named.
CREATE TABLE blob_uploads (
    id         TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL
);

CREATE TABLE blobs (
    sha256    TEXT PRIMARY KEY,
    size      BIGINT NOT NULL,
    stored_at BIGINT NOT NULL
);

CREATE TABLE blob_chunks (
    owner TEXT NOT NULL,   -- a blobs.sha256, or a blob_uploads.id while it arrives
    n     INTEGER NOT NULL,
    data  BYTEA NOT NULL,
    PRIMARY KEY (owner, n)
);
