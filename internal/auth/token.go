package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// tokenPrefix marks Shenpi API tokens so they are recognisable in a leak scan.
const tokenPrefix = "shenpi_"

// NewToken issues an API bearer token for u; only its hash is stored, so
// the token is shown once.
func (a *Auth) NewToken(ctx context.Context, actor string, u org.User, name string) (string, error) {
	token := tokenPrefix + randomToken()
	err := a.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)`,
			hashToken(token), u.ID, name, store.Micros(a.now())); err != nil {
			return err
		}
		_, err := event.Append(ctx, tx, event.Draft{Stream: u.Stream(), Type: EventTokenIssued, Actor: actor, At: a.now(),
			Payload: TokenIssuedPayload{Name: name, Username: u.Username}})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("auth: unable to store the token: %w", err)
	}
	return token, nil
}

// TokenUser returns the user behind a bearer token.
func (a *Auth) TokenUser(ctx context.Context, token string) (org.User, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return org.User{}, ErrNoSession
	}
	var userID int64
	err := a.db.QueryRow(ctx, `SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked = FALSE`, hashToken(token)).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return org.User{}, ErrNoSession
	}
	if err != nil {
		return org.User{}, fmt.Errorf("auth: unable to look up the token: %w", err)
	}
	return a.activeUser(ctx, userID)
}
