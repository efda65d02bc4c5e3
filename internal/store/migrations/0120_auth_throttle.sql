-- Throttling by leaky bucket instead of a lock per username and per address
-- (see internal/auth/throttle.go). A key names what is counted: a username
-- from one address, a username from everywhere, an address across
-- usernames, a case number looked up… count leaks away over time; past a
-- limit's free attempts each further one waits until wait_until.
CREATE TABLE auth_throttle (
    key        TEXT PRIMARY KEY,
    count      INTEGER NOT NULL,
    last_at    BIGINT NOT NULL,
    wait_until BIGINT NOT NULL
);

-- Addresses a username has logged in from: the owner's own office or home.
-- Failures by others elsewhere never slow a remembered address, so an
-- attacker cannot lock a clerk out, nor an office out from behind its NAT.
CREATE TABLE login_addresses (
    username TEXT NOT NULL,
    client   TEXT NOT NULL,
    last_at  BIGINT NOT NULL,
    PRIMARY KEY (username, client)
);

DROP TABLE login_failures;
