package auth

import (
	"context"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// locked reports whether any key is locked now, and until when.
func (a *Auth) locked(ctx context.Context, keys []string) (time.Time, bool) {
	now := a.now()
	var latest time.Time
	for _, k := range keys {
		var until int64
		if err := a.db.QueryRow(ctx, `SELECT locked_until FROM login_failures WHERE key = ?`, k).Scan(&until); err == nil {
			if t := store.FromMicros(until); t.After(now) && t.After(latest) {
				latest = t
			}
		}
	}
	return latest, !latest.IsZero()
}

// fail records a failed login against every key and returns the error to
// show: wrong credentials, or locked when this failure reached the limit.
func (a *Auth) fail(ctx context.Context, keys []string) error {
	now := a.now()
	var lockedUntil time.Time
	err := a.db.Tx(ctx, func(tx *store.Tx) error {
		lockedUntil = time.Time{} // set afresh: the function may run twice
		for _, k := range keys {
			limit := a.MaxFailures
			if strings.HasPrefix(k, "client:") {
				limit *= 4 // a shared office address sees many people's typos
			}
			var failures int
			var first int64
			err := tx.QueryRow(ctx, `SELECT failures, first_at FROM login_failures WHERE key = ?`, k).Scan(&failures, &first)
			if err != nil || now.Sub(store.FromMicros(first)) > a.FailureWindow {
				failures, first = 0, store.Micros(now)
			}
			failures++
			var until int64
			if failures >= limit {
				lockedUntil = now.Add(a.LockFor)
				until = store.Micros(lockedUntil)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO login_failures (key, failures, first_at, locked_until) VALUES (?, ?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at, locked_until = excluded.locked_until`,
				k, failures, first, until); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !lockedUntil.IsZero() {
		return &ThrottledError{Until: lockedUntil}
	}
	return ErrBadCredentials
}
