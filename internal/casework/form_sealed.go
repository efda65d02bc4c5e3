package casework

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shenpi/shenpi/internal/seal"
)

// An application form holds personal data (ID numbers, mobiles, names and
// addresses), so it is sealed (internal/seal) on its way into the
// database — the cases and drafts rows and the case.submitted event — and
// opened on its way out, here and nowhere else. Each place has its purpose,
// bound to the ciphertext.
const (
	formOfCase  = "cases.form"
	formOfDraft = "drafts.form"
	formOfEvent = "case.submitted.form"
)

// sealForm is a form as stored.
func sealForm(keys *seal.Keys, purpose string, f Form) (string, error) {
	if f == nil {
		f = Form{}
	}
	b, _ := json.Marshal(f)
	if len(f) == 0 {
		return string(b), nil // "{}" holds nothing personal
	}
	s, err := keys.Seal(purpose, string(b))
	if err != nil {
		return "", fmt.Errorf("casework: unable to seal a form: %w", err)
	}
	return s, nil
}

// openForm is a stored form, opened; one stored before forms were sealed
// is read as it is.
func openForm(keys *seal.Keys, purpose, stored string) (Form, error) {
	s, err := keys.Open(purpose, stored)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to open a form: %w", err)
	}
	f := Form{}
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return nil, fmt.Errorf("casework: a stored form is damaged: %w", err)
	}
	return f, nil
}

// SealStored seals the forms of cases and drafts stored before forms were
// sealed, or sealed under an older key than the current one. The server
// runs it at start-up; it returns how many forms it sealed. (The forms in
// case.submitted events of that time stay as they were: the log is never
// rewritten.)
func (c *Casework) SealStored(ctx context.Context) (int, error) {
	n := 0
	for _, t := range []struct{ table, key, purpose string }{
		{"cases", "number", formOfCase}, {"drafts", "id", formOfDraft},
	} {
		done, err := c.sealForms(ctx, t.table, t.key, t.purpose)
		n += done
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (c *Casework) sealForms(ctx context.Context, table, key, purpose string) (int, error) {
	keys := c.db.Keys()
	rows, err := c.db.Query(ctx, `SELECT `+key+`, form FROM `+table+` WHERE form <> '{}' AND form NOT LIKE ?`,
		"sm4gcm:"+keys.Current()+":%")
	if err != nil {
		return 0, fmt.Errorf("casework: unable to find %s forms to seal: %w", table, err)
	}
	stale := map[string]string{}
	for rows.Next() {
		var id, form string
		if err := rows.Scan(&id, &form); err != nil {
			rows.Close()
			return 0, fmt.Errorf("casework: unable to find %s forms to seal: %w", table, err)
		}
		stale[id] = form
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("casework: unable to find %s forms to seal: %w", table, err)
	}
	for id, stored := range stale {
		f, err := openForm(keys, purpose, stored)
		if err != nil {
			return 0, err
		}
		sealed, err := sealForm(keys, purpose, f)
		if err != nil {
			return 0, err
		}
		// Only if unchanged meanwhile: a save since then sealed it anew.
		if _, err := c.db.Exec(ctx, `UPDATE `+table+` SET form = ? WHERE `+key+` = ? AND form = ?`, sealed, id, stored); err != nil {
			return 0, fmt.Errorf("casework: unable to seal a %s form: %w", table, err)
		}
	}
	return len(stale), nil
}
