package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// The lifecycle of a version: draft → submitted → published → superseded,
// with submitted → draft when an approver returns it. A department
// administrator drafts and submits; an approver publishes. Each action takes
// the user acting and asks auth itself (authorize.go) before it changes
// anything. Each transition appends its event to the item's stream in the
// same transaction.

// CreateItem stores a new item as version 1, a draft, with the sample
// files it names that are not stored yet.
func (c *Catalog) CreateItem(ctx context.Context, u org.User, it Item, files ...FileData) (Version, error) {
	// Refused before the item is checked: its problems are for those who may draft.
	draftable, err := c.mayCreate(ctx, u)
	if err != nil {
		return Version{}, err
	}
	pending, err := checkFiles(files)
	if err != nil {
		return Version{}, err
	}
	if err := c.prepare(ctx, c.db, &it, pending); err != nil {
		return Version{}, err
	}
	if !draftable[it.Department] {
		return Version{}, &InvalidError{Item: it.Code, Field: "department", Key: "catalog.editor.department_denied"}
	}
	actor := u.Username
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		if err := c.putFiles(ctx, tx, files); err != nil {
			return err
		}
		return c.insertItem(ctx, tx, actor, it)
	})
	if err != nil {
		return Version{}, err
	}
	return c.Version(ctx, it.Code, 1)
}

func (c *Catalog) insertItem(ctx context.Context, tx *store.Tx, actor string, it Item) error {
	now := store.Micros(c.now())
	_, err := tx.Exec(ctx, `INSERT INTO catalog_items (code, department_code, region_code, current_version, latest_version, created_at, updated_at)
		VALUES (?, ?, ?, 0, 1, ?, ?)`, it.Code, it.Department, it.RegionCode, now, now)
	if store.IsUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("catalog: unable to create %s: %w", it.Code, err)
	}
	if err := c.insertVersion(ctx, tx, actor, it, 1); err != nil {
		return err
	}
	return c.appendEvent(ctx, tx, actor, it.Code, EventItemCreated,
		ItemCreatedPayload{Department: it.Department, Digest: it.Digest(), Name: it.Name, Version: 1})
}

func (c *Catalog) insertVersion(ctx context.Context, tx *store.Tx, actor string, it Item, n int) error {
	body, err := json.Marshal(it)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO catalog_versions (code, version, state, name, body, digest, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, it.Code, n, string(StateDraft), it.Name, string(body), it.Digest(), actor, store.Micros(c.now()))
	if store.IsUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("catalog: unable to store version %d of %s: %w", n, it.Code, err)
	}
	return nil
}

// SaveDraft replaces the content of version n, which must be a draft, and
// stores the new sample files it names. The code and the department of an
// item never change.
func (c *Catalog) SaveDraft(ctx context.Context, u org.User, n int, it Item, files ...FileData) (Version, error) {
	if err := c.authorizeItem(ctx, u, strings.TrimSpace(it.Code), auth.CanDraftItem, ErrMayNotDraft); err != nil {
		return Version{}, err
	}
	actor := u.Username
	pending, err := checkFiles(files)
	if err != nil {
		return Version{}, err
	}
	if err := c.prepare(ctx, c.db, &it, pending); err != nil {
		return Version{}, err
	}
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		if err := c.putFiles(ctx, tx, files); err != nil {
			return err
		}
		var dept string
		err := tx.QueryRow(ctx, `SELECT department_code FROM catalog_items WHERE code = ?`, it.Code).Scan(&dept)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if dept != it.Department {
			return &InvalidError{Item: it.Code, Field: "department", Key: "catalog.item.department_fixed"}
		}
		body, err := json.Marshal(it)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE catalog_versions SET body = ?, name = ?, digest = ? WHERE code = ? AND version = ? AND state = ?`,
			string(body), it.Name, it.Digest(), it.Code, n, string(StateDraft))
		if err != nil {
			return fmt.Errorf("catalog: unable to save version %d of %s: %w", n, it.Code, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return c.stateError(ctx, tx, it.Code, n)
		}
		if _, err := tx.Exec(ctx, `UPDATE catalog_items SET updated_at = ? WHERE code = ?`, store.Micros(c.now()), it.Code); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, actor, it.Code, EventDraftSaved, DraftSavedPayload{Digest: it.Digest(), Version: n})
	})
	if err != nil {
		return Version{}, err
	}
	return c.Version(ctx, it.Code, n)
}

// stateError explains why a conditional update touched nothing: the
// version does not exist, or it is in the wrong state.
func (c *Catalog) stateError(ctx context.Context, tx *store.Tx, code string, n int) error {
	var state string
	err := tx.QueryRow(ctx, `SELECT state FROM catalog_versions WHERE code = ? AND version = ?`, code, n).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return ErrState
}

// transition moves version n from one state to another with a conditional
// update, so two reviewers acting at once cannot both succeed.
func (c *Catalog) transition(ctx context.Context, tx *store.Tx, code string, n int, from State, set string, args ...any) error {
	args = append(args, code, n, string(from))
	res, err := tx.Exec(ctx, `UPDATE catalog_versions SET `+set+` WHERE code = ? AND version = ? AND state = ?`, args...)
	if err != nil {
		return fmt.Errorf("catalog: unable to change version %d of %s: %w", n, code, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return c.stateError(ctx, tx, code, n)
	}
	_, err = tx.Exec(ctx, `UPDATE catalog_items SET updated_at = ? WHERE code = ?`, store.Micros(c.now()), code)
	return err
}

// Submit sends draft n for review.
func (c *Catalog) Submit(ctx context.Context, u org.User, code string, n int) error {
	if err := c.authorizeItem(ctx, u, code, auth.CanDraftItem, ErrMayNotDraft); err != nil {
		return err
	}
	actor := u.Username
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		if err := c.transition(ctx, tx, code, n, StateDraft, `state = ?, submitted_by = ?, submitted_at = ?, note = ''`,
			string(StateSubmitted), actor, store.Micros(c.now())); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, actor, code, EventSubmitted, VersionPayload{Version: n})
	})
}

// Return sends submitted version n back to draft with the reviewer's reason.
func (c *Catalog) Return(ctx context.Context, u org.User, code string, n int, reason string) error {
	if err := c.authorizeItem(ctx, u, code, auth.CanPublishItem, ErrMayNotReview); err != nil {
		return err
	}
	actor := u.Username
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &InvalidError{Item: code, Field: "reason", Key: "catalog.required"}
	}
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		if err := c.transition(ctx, tx, code, n, StateSubmitted, `state = ?, note = ?`, string(StateDraft), reason); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, actor, code, EventReturned, ReturnedPayload{Reason: reason, Version: n})
	})
}

// Publish makes submitted version n the one the portal shows; the version
// published before it is superseded but stays readable. Whoever submitted
// the version may not publish it: publishing is a review.
func (c *Catalog) Publish(ctx context.Context, u org.User, code string, n int) error {
	if err := c.authorizeItem(ctx, u, code, auth.CanPublishItem, ErrMayNotReview); err != nil {
		return err
	}
	actor := u.Username
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		var submitter string
		err := tx.QueryRow(ctx, `SELECT submitted_by FROM catalog_versions WHERE code = ? AND version = ? AND state = ?`,
			code, n, string(StateSubmitted)).Scan(&submitter)
		if errors.Is(err, sql.ErrNoRows) {
			return c.stateError(ctx, tx, code, n)
		}
		if err != nil {
			return err
		}
		if submitter == actor {
			return ErrSelfReview
		}
		return c.publish(ctx, tx, actor, code, n, StateSubmitted, "review")
	})
}

// publish moves version n from state from to published inside tx.
func (c *Catalog) publish(ctx context.Context, tx *store.Tx, actor, code string, n int, from State, via string) error {
	var previous int
	if err := tx.QueryRow(ctx, `SELECT current_version FROM catalog_items WHERE code = ?`, code).Scan(&previous); err != nil {
		return fmt.Errorf("catalog: unable to read %s: %w", code, err)
	}
	if previous > 0 {
		if _, err := tx.Exec(ctx, `UPDATE catalog_versions SET state = ? WHERE code = ? AND version = ? AND state = ?`,
			string(StateSuperseded), code, previous, string(StatePublished)); err != nil {
			return err
		}
	}
	now := store.Micros(c.now())
	set := `state = ?, published_by = ?, published_at = ?`
	args := []any{string(StatePublished), actor, now}
	if from == StateDraft { // published without review, by import
		set += `, submitted_by = ?, submitted_at = ?`
		args = append(args, actor, now)
	}
	if err := c.transition(ctx, tx, code, n, from, set, args...); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE catalog_items SET current_version = ?, withdrawn = FALSE WHERE code = ?`, n, code); err != nil {
		return err
	}
	if err := bumpGeneration(ctx, tx, code, c.now()); err != nil {
		return err
	}
	var digest string
	if err := tx.QueryRow(ctx, `SELECT digest FROM catalog_versions WHERE code = ? AND version = ?`, code, n).Scan(&digest); err != nil {
		return err
	}
	return c.appendEvent(ctx, tx, actor, code, EventPublished,
		PublishedPayload{Digest: digest, Supersedes: previous, Version: n, Via: via})
}

// NewVersion starts version N+1 as a draft copied from the published
// version, to change a published item. There is at most one version under
// work: ErrConflict if a draft or submitted version exists.
func (c *Catalog) NewVersion(ctx context.Context, u org.User, code string) (Version, error) {
	if err := c.authorizeItem(ctx, u, code, auth.CanDraftItem, ErrMayNotDraft); err != nil {
		return Version{}, err
	}
	actor := u.Username
	var n int
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		n, err = c.newVersion(ctx, tx, actor, code, nil)
		return err
	})
	if err != nil {
		return Version{}, err
	}
	return c.Version(ctx, code, n)
}

// newVersion adds a draft after the latest version: a copy of the current
// published version, or body when given (import).
func (c *Catalog) newVersion(ctx context.Context, tx *store.Tx, actor, code string, body *Item) (int, error) {
	var latest, current int
	err := tx.QueryRow(ctx, `SELECT latest_version, current_version FROM catalog_items WHERE code = ?`, code).Scan(&latest, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	var state State
	if err := tx.QueryRow(ctx, `SELECT state FROM catalog_versions WHERE code = ? AND version = ?`, code, latest).Scan(&state); err != nil {
		return 0, err
	}
	if state == StateDraft || state == StateSubmitted {
		return 0, ErrConflict
	}
	var it Item
	if body != nil {
		it = *body
	} else {
		var raw string
		if err := tx.QueryRow(ctx, `SELECT body FROM catalog_versions WHERE code = ? AND version = ?`, code, current).Scan(&raw); err != nil {
			return 0, err
		}
		if err := json.Unmarshal([]byte(raw), &it); err != nil {
			return 0, err
		}
	}
	n := latest + 1
	if err := c.insertVersion(ctx, tx, actor, it, n); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE catalog_items SET latest_version = ?, updated_at = ? WHERE code = ?`, n, store.Micros(c.now()), code); err != nil {
		return 0, err
	}
	return n, c.appendEvent(ctx, tx, actor, code, EventVersionCreated, VersionCreatedPayload{Digest: it.Digest(), From: current, Version: n})
}

// Withdraw stops an item: it disappears from the portal and nobody can
// apply for it, but every version stays readable for the cases under it.
// Publishing a new version brings it back.
func (c *Catalog) Withdraw(ctx context.Context, u org.User, code, reason string) error {
	if err := c.authorizeItem(ctx, u, code, auth.CanPublishItem, ErrMayNotReview); err != nil {
		return err
	}
	actor := u.Username
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &InvalidError{Item: code, Field: "reason", Key: "catalog.required"}
	}
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE catalog_items SET withdrawn = TRUE WHERE code = ? AND current_version > 0 AND withdrawn = FALSE`, code)
		if err != nil {
			return fmt.Errorf("catalog: unable to withdraw %s: %w", code, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			var x int
			if err := tx.QueryRow(ctx, `SELECT 1 FROM catalog_items WHERE code = ?`, code).Scan(&x); errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return ErrState
		}
		if err := bumpGeneration(ctx, tx, code, c.now()); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, actor, code, EventWithdrawn, WithdrawnPayload{Reason: reason})
	})
}
