package auth

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/org"
)

// CheckCurrent checks the current password a signed-in user types to change
// it. A stolen session must not become a fast password oracle, so wrong
// guesses are throttled like logins: ErrBadCredentials for a wrong one, a
// ThrottledError once they come too fast.
func (a *Auth) CheckCurrent(ctx context.Context, u org.User, password string) error {
	key := Key{"password:" + u.Username, passwordUser}
	if err := a.Attempt(ctx, key); err != nil {
		return err
	}
	_, hash, err := a.org.UserWithHash(ctx, u.Username)
	if err != nil {
		return fmt.Errorf("auth: unable to read the password of %s: %w", u.Username, err)
	}
	if !CheckPassword(hash, password) {
		return a.refused(ctx, []Key{key})
	}
	return a.Forgive(ctx, key)
}
