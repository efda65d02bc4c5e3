-- API tokens get an id, so that their owner and an administrator can list
-- and revoke them without the token (which is never stored) or its hash.
CREATE TABLE api_tokens_v2 (
    id          {{id}},
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked     BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO api_tokens_v2 (token_hash, user_id, name, created_at, revoked)
SELECT token_hash, user_id, name, created_at, revoked FROM api_tokens ORDER BY created_at;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_v2 RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
