package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// rememberFor is how long an address stays the user's own after their last
// login from it.
const rememberFor = 90 * 24 * time.Hour

// knownAddress reports whether the user logged in from client lately.
func (a *Auth) knownAddress(ctx context.Context, name, client string) (bool, error) {
	var n int
	err := a.db.QueryRow(ctx, `SELECT COUNT(*) FROM login_addresses WHERE username = ? AND client = ? AND last_at > ?`,
		name, client, store.Micros(a.now().Add(-rememberFor))).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("auth: unable to read the addresses of %s: %w", name, err)
	}
	return n > 0, nil
}

// rememberAddress records a successful login of name from client.
func (a *Auth) rememberAddress(ctx context.Context, name, client string) error {
	_, err := a.db.Exec(ctx, `INSERT INTO login_addresses (username, client, last_at) VALUES (?, ?, ?)
		ON CONFLICT (username, client) DO UPDATE SET last_at = excluded.last_at`, name, client, store.Micros(a.now()))
	if err != nil {
		return fmt.Errorf("auth: unable to remember the address of %s: %w", name, err)
	}
	return nil
}
