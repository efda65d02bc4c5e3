-- Users of every kind: applicants (citizens, companies), staff, supervisors,
-- administrators. region_code scopes supervisors and administrators;
-- department_id places staff.
CREATE TABLE users (
    id             {{id}},
    username       TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL,
    applicant_kind TEXT NOT NULL DEFAULT '',
    display_name   TEXT NOT NULL,
    id_number      TEXT NOT NULL DEFAULT '',
    credit_code    TEXT NOT NULL DEFAULT '',
    mobile         TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    department_id  BIGINT REFERENCES departments(id),
    region_code    TEXT REFERENCES regions(code),
    password_hash  TEXT NOT NULL,
    must_change    BOOLEAN NOT NULL DEFAULT FALSE,
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    lang           TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX users_department ON users(department_id);
CREATE INDEX users_region ON users(region_code);
CREATE INDEX users_id_number ON users(id_number);

-- Sessions are looked up by the SHA-256 of the cookie value, so a leaked
-- database does not leak live sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked     BOOLEAN NOT NULL DEFAULT FALSE
);

-- Failed logins per username and per client address, for throttling.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    first_at     BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
