package casework

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

func draftStream(id string) string { return "draft:" + id }

// CreateDraft starts an application of an applicant under an item version,
// if they may apply for it (admit).
func (c *Casework) CreateDraft(ctx context.Context, applicant org.User, item ItemVersion) (Draft, error) {
	if err := Admit(applicant, item); err != nil {
		return Draft{}, err
	}
	var d Draft
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		d, err = c.startDraft(ctx, tx, applicant, item)
		return err
	})
	return d, err
}

// startDraft records a new, empty draft of item by applicant.
func (c *Casework) startDraft(ctx context.Context, tx *store.Tx, applicant org.User, item ItemVersion) (Draft, error) {
	d := Draft{ID: randomID(12), ApplicantID: applicant.ID, ItemCode: item.Code, ItemVersion: item.Version, Form: Form{}, UpdatedAt: c.now()}
	now := store.Micros(d.UpdatedAt)
	if _, err := tx.Exec(ctx, `INSERT INTO drafts (id, applicant_id, item_code, item_version, form, created_at, updated_at)
		VALUES (?, ?, ?, ?, '{}', ?, ?)`, d.ID, applicant.ID, item.Code, item.Version, now, now); err != nil {
		return d, fmt.Errorf("casework: unable to start a draft: %w", err)
	}
	return d, c.appendEvent(ctx, tx, draftStream(d.ID), EventDraftCreated, applicant.Username,
		DraftCreatedPayload{ApplicantID: applicant.ID, Item: item.Code, Version: item.Version})
}

// Draft returns an applicant's draft; another applicant's is not found.
func (c *Casework) Draft(ctx context.Context, applicantID int64, id string) (Draft, error) {
	return c.draft(ctx, c.db, applicantID, id)
}

func (c *Casework) draft(ctx context.Context, q store.Querier, applicantID int64, id string) (Draft, error) {
	var (
		d       Draft
		form    string
		updated int64
	)
	err := q.QueryRow(ctx, `SELECT id, applicant_id, item_code, item_version, form, updated_at FROM drafts
		WHERE id = ? AND applicant_id = ?`, id, applicantID).Scan(&d.ID, &d.ApplicantID, &d.ItemCode, &d.ItemVersion, &form, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.UpdatedAt = store.FromMicros(updated)
	if d.Form, err = openForm(q.Keys(), formOfDraft, form); err != nil {
		return d, err
	}
	d.Materials, err = materialsOf(ctx, q, draftStream(id))
	return d, err
}

// Drafts lists an applicant's drafts, newest first.
func (c *Casework) Drafts(ctx context.Context, applicantID int64) ([]Draft, error) {
	rows, err := c.db.Query(ctx, `SELECT id, item_code, item_version, updated_at FROM drafts
		WHERE applicant_id = ? ORDER BY updated_at DESC`, applicantID)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to list drafts: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		d := Draft{ApplicantID: applicantID}
		var updated int64
		if err := rows.Scan(&d.ID, &d.ItemCode, &d.ItemVersion, &updated); err != nil {
			return nil, err
		}
		d.UpdatedAt = store.FromMicros(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveDraft stores what the applicant has typed so far, checked or not:
// a draft may be incomplete; it is checked in full on submission.
func (c *Casework) SaveDraft(ctx context.Context, actor string, applicantID int64, id string, form Form) error {
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		sealed, err := sealForm(tx.Keys(), formOfDraft, form)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE drafts SET form = ?, updated_at = ? WHERE id = ? AND applicant_id = ?`,
			sealed, store.Micros(c.now()), id, applicantID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return c.appendEvent(ctx, tx, draftStream(id), EventDraftSaved, actor, DraftSavedPayload{Fields: len(form)})
	})
}
