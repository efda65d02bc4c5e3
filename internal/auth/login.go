package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

var (
	ErrBadCredentials = errors.New("auth: wrong username or password")
	ErrDisabled       = errors.New("auth: this login is disabled")
	ErrNoSession      = errors.New("auth: no valid session")
)

// ThrottledError says a login is locked until an instant.
type ThrottledError struct{ Until time.Time }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("auth: too many failed logins; try again after %s", e.Until.Format(time.RFC3339))
}

// Auth checks logins and keeps sessions and tokens.
type Auth struct {
	db  *store.DB
	org *org.Org
	now func() time.Time

	// SessionIdle is how long a session lives without use.
	SessionIdle time.Duration
}

// New returns an Auth with the defaults a service centre expects.
func New(db *store.DB, o *org.Org, now func() time.Time) *Auth {
	return &Auth{db: db, org: o, now: now, SessionIdle: 8 * time.Hour}
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks a username and password from a client address. On success
// it returns the user and a new session token for the cookie.
//
// Failures are counted per username and address: a guesser slows only
// themself. The ceilings per username and per address do not apply where
// the user has logged in before, so their own desk keeps working whatever
// others try elsewhere.
func (a *Auth) Login(ctx context.Context, username, password, client string) (org.User, string, error) {
	name := strings.ToLower(strings.TrimSpace(username))
	keys, err := a.loginKeys(ctx, name, client)
	if err != nil {
		return org.User{}, "", err
	}
	if err := a.Attempt(ctx, keys...); err != nil {
		return org.User{}, "", err
	}
	u, hash, err := a.org.UserWithHash(ctx, name)
	if errors.Is(err, org.ErrNotFound) {
		// Spend the same time as a real check so usernames cannot be probed.
		CheckPassword(dummyHash, password)
		return u, "", a.refused(ctx, keys)
	}
	if err != nil {
		return u, "", err
	}
	if !CheckPassword(hash, password) {
		return org.User{}, "", a.refused(ctx, keys)
	}
	if u.Disabled {
		return org.User{}, "", ErrDisabled
	}
	// The address budget is not forgiven: logging into one's own account
	// must not reset a sprayer's count.
	if err := a.Forgive(ctx, pairKey(name, client), accountKey(name)); err != nil {
		return u, "", err
	}
	if err := a.rememberAddress(ctx, name, client); err != nil {
		return u, "", err
	}
	token, err := a.NewSession(ctx, u)
	return u, token, err
}

// loginKeys lists the buckets a login attempt is counted against: the
// username from this address always, the ceilings only from an address the
// user has not logged in from.
func (a *Auth) loginKeys(ctx context.Context, name, client string) ([]Key, error) {
	known, err := a.knownAddress(ctx, name, client)
	if err != nil || known {
		return []Key{pairKey(name, client)}, err
	}
	return []Key{pairKey(name, client), accountKey(name), {"login-address:" + client, loginAddress}}, nil
}

func pairKey(name, client string) Key { return Key{"login:" + name + "|" + client, loginPair} }
func accountKey(name string) Key      { return Key{"login-account:" + name, loginAccount} }

// refused answers a wrong password: slowed when this failure left a bucket
// waiting, wrong otherwise.
func (a *Auth) refused(ctx context.Context, keys []Key) error {
	if until, waiting := a.Waiting(ctx, keys...); waiting {
		return &ThrottledError{Until: until}
	}
	return ErrBadCredentials
}

var dummyHash = HashPassword("not a real password")

// NewSession starts a session for u and returns its token.
func (a *Auth) NewSession(ctx context.Context, u org.User) (string, error) {
	token := randomToken()
	now := a.now()
	_, err := a.db.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?)`,
		hashToken(token), u.ID, store.Micros(now), store.Micros(now.Add(a.SessionIdle)), store.Micros(now))
	if err != nil {
		return "", fmt.Errorf("auth: unable to start a session: %w", err)
	}
	return token, nil
}

// Session returns the user behind a session token, extending the session
// when it is used (at most once a minute, to spare the writer).
func (a *Auth) Session(ctx context.Context, token string) (org.User, error) {
	if token == "" {
		return org.User{}, ErrNoSession
	}
	var (
		userID          int64
		expires, seenAt int64
	)
	h := hashToken(token)
	err := a.db.QueryRow(ctx, `SELECT user_id, expires_at, last_seen FROM sessions WHERE token_hash = ?`, h).Scan(&userID, &expires, &seenAt)
	if errors.Is(err, sql.ErrNoRows) {
		return org.User{}, ErrNoSession
	}
	if err != nil {
		return org.User{}, fmt.Errorf("auth: unable to look up the session: %w", err)
	}
	now := a.now()
	if store.FromMicros(expires).Before(now) {
		return org.User{}, ErrNoSession
	}
	u, err := a.activeUser(ctx, userID)
	if err != nil {
		return org.User{}, err
	}
	if now.Sub(store.FromMicros(seenAt)) > time.Minute {
		a.db.Exec(ctx, `UPDATE sessions SET last_seen = ?, expires_at = ? WHERE token_hash = ?`,
			store.Micros(now), store.Micros(now.Add(a.SessionIdle)), h)
	}
	return u, nil
}

// Logout ends a session.
func (a *Auth) Logout(ctx context.Context, token string) error {
	_, err := a.db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
	return err
}

// EndSessions ends every session of a user, after a password reset or when
// the login is disabled.
func (a *Auth) EndSessions(ctx context.Context, u org.User) error {
	_, err := a.db.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID)
	return err
}

// activeUser returns the user a session or token belongs to, ErrNoSession
// if they are gone or disabled, and the database's own failure as it is:
// an outage must not look like a bad credential.
func (a *Auth) activeUser(ctx context.Context, id int64) (org.User, error) {
	u, err := a.org.User(ctx, id)
	if errors.Is(err, org.ErrNotFound) || err == nil && u.Disabled {
		return org.User{}, ErrNoSession
	}
	if err != nil {
		return org.User{}, fmt.Errorf("auth: unable to look up the user: %w", err)
	}
	return u, nil
}
