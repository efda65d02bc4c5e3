package org

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

// A user's resident ID number and mobile are personal data: they are
// sealed (internal/seal) here and nowhere else on their way into the
// database, and opened here on their way out. A lookup by ID number goes by
// idNumberHash, a keyed hash, as does the claim of applicant_identities.

// sealedUser is how a user's personal fields are stored.
type sealedUser struct {
	idNumber, mobile, idNumberHash string
}

func sealUser(keys *seal.Keys, u User) (sealedUser, error) {
	var (
		s   sealedUser
		err error
	)
	if s.idNumber, err = keys.Seal("users.id_number", u.IDNumber); err != nil {
		return s, fmt.Errorf("org: unable to seal an ID number: %w", err)
	}
	if s.mobile, err = keys.Seal("users.mobile", u.Mobile); err != nil {
		return s, fmt.Errorf("org: unable to seal a mobile number: %w", err)
	}
	if u.IDNumber != "" {
		if s.idNumberHash, err = idNumberHash(keys, u.IDNumber); err != nil {
			return s, err
		}
	}
	return s, nil
}

// openUser opens the personal fields scanned into u.
func openUser(keys *seal.Keys, u *User) error {
	var err error
	if u.IDNumber, err = keys.Open("users.id_number", u.IDNumber); err != nil {
		return fmt.Errorf("org: unable to open user %d's ID number: %w", u.ID, err)
	}
	if u.Mobile, err = keys.Open("users.mobile", u.Mobile); err != nil {
		return fmt.Errorf("org: unable to open user %d's mobile number: %w", u.ID, err)
	}
	return nil
}

// idNumberHash is the lookup hash of a normalised resident ID number.
func idNumberHash(keys *seal.Keys, normalised string) (string, error) {
	h, err := keys.Index("id_number", normalised)
	if err != nil {
		return "", fmt.Errorf("org: unable to hash an ID number: %w", err)
	}
	return h, nil
}

// SealStored seals the personal fields of users written before they were
// sealed, or sealed under an older key than the current one, and gives
// them their lookup hash (and citizens' claims theirs). The server runs it
// at start-up; it returns how many users it sealed.
func (o *Org) SealStored(ctx context.Context, db *store.DB) (int, error) {
	keys := db.Keys()
	rows, err := db.Query(ctx, `SELECT id, id_number, mobile FROM users
		WHERE (id_number <> '' AND id_number NOT LIKE ?) OR (mobile <> '' AND mobile NOT LIKE ?)`,
		"sm4gcm:"+keys.Current()+":%", "sm4gcm:"+keys.Current()+":%")
	if err != nil {
		return 0, fmt.Errorf("org: unable to find users to seal: %w", err)
	}
	var stale []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.IDNumber, &u.Mobile); err != nil {
			rows.Close()
			return 0, fmt.Errorf("org: unable to find users to seal: %w", err)
		}
		stale = append(stale, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("org: unable to find users to seal: %w", err)
	}
	for _, u := range stale {
		stored := u.IDNumber
		if err := openUser(keys, &u); err != nil {
			return 0, err
		}
		s, err := sealUser(keys, u)
		if err != nil {
			return 0, err
		}
		err = db.Tx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE users SET id_number = ?, mobile = ?, id_number_hash = ? WHERE id = ?`,
				s.idNumber, s.mobile, s.idNumberHash, u.ID); err != nil {
				return err
			}
			// A claim made before sealing holds the number itself.
			_, err := tx.Exec(ctx, `UPDATE applicant_identities SET value = ? WHERE kind = 'id_number' AND user_id = ? AND value = ?`,
				s.idNumberHash, u.ID, stored)
			return err
		})
		if err != nil {
			return 0, fmt.Errorf("org: unable to seal user %d: %w", u.ID, err)
		}
	}
	return len(stale), nil
}
