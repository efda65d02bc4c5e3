package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// ErrTokenNotFound refuses a token that is not the owner's, or gone.
var ErrTokenNotFound = refuse.NotFound("auth: no such token", "auth.token.not_found")

// errTokensForbidden refuses listing or revoking someone else's tokens.
var errTokensForbidden = refuse.Forbidden("auth: not your tokens", "auth.token.forbidden")

// Token is one live API token of a user, as listed: never the token itself.
type Token struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// CanManageTokens: a user manages their own tokens; an administrator those
// of the users they administer (a department administrator: their own
// department's staff).
func CanManageTokens(actor, owner org.User) bool {
	if actor.Disabled {
		return false
	}
	return actor.ID == owner.ID && actor.ID != 0 || CanAdministerUser(actor, owner)
}

// Tokens lists owner's live tokens, newest first, for actor.
func (a *Auth) Tokens(ctx context.Context, actor, owner org.User) ([]Token, error) {
	if !CanManageTokens(actor, owner) {
		return nil, errTokensForbidden
	}
	rows, err := a.db.Query(ctx, `SELECT id, name, created_at FROM api_tokens WHERE user_id = ? AND revoked = FALSE ORDER BY id DESC`, owner.ID)
	if err != nil {
		return nil, fmt.Errorf("auth: unable to list the tokens of %s: %w", owner.Username, err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var (
			t       Token
			created int64
		)
		if err := rows.Scan(&t.ID, &t.Name, &created); err != nil {
			return nil, fmt.Errorf("auth: unable to list the tokens of %s: %w", owner.Username, err)
		}
		t.CreatedAt = store.FromMicros(created)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of owner's tokens for actor, at once.
func (a *Auth) RevokeToken(ctx context.Context, actor, owner org.User, id int64) error {
	if !CanManageTokens(actor, owner) {
		return errTokensForbidden
	}
	return a.revoke(ctx, actor.Username, owner, `AND id = ?`, id)
}

// RevokeTokens revokes every token of owner: on a password change or reset
// when asked, as the one changing it. The caller has checked that actor may.
func (a *Auth) RevokeTokens(ctx context.Context, actor string, owner org.User) error {
	err := a.revoke(ctx, actor, owner, ``)
	if errors.Is(err, ErrTokenNotFound) {
		return nil // none to revoke
	}
	return err
}

func (a *Auth) revoke(ctx context.Context, actor string, owner org.User, which string, args ...any) error {
	err := a.db.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE user_id = ? AND revoked = FALSE `+which,
			append([]any{owner.ID}, args...)...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrTokenNotFound
		}
		payload := TokenRevokedPayload{Count: n, Username: owner.Username}
		if len(args) > 0 {
			payload.ID = args[0].(int64)
		}
		_, err = event.Append(ctx, tx, event.Draft{Stream: owner.Stream(), Type: EventTokenRevoked, Actor: actor, At: a.now(), Payload: payload})
		return err
	})
	if errors.Is(err, ErrTokenNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("auth: unable to revoke the tokens of %s: %w", owner.Username, err)
	}
	return nil
}
