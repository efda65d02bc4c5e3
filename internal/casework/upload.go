package casework

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// An applicant's uploads through the API are kept on a draft of the item
// version, started with the first upload: a pool the applicant's
// submissions name their files from. A submission copies what it names
// and changes nothing in the pool, so submissions running at once, by
// several clients of one applicant, never take each other's files
// (issue 11).

// Upload stores a file for material slot of item and keeps it among the
// applicant's uploads for that item version, in one transaction.
func (c *Casework) Upload(ctx context.Context, applicant org.User, item ItemVersion, slot int, filename string, data []byte) (Material, error) {
	if err := Admit(applicant, item); err != nil {
		return Material{}, err
	}
	m, err := c.storeFile(item, slot, filename, data)
	if err != nil {
		return m, err
	}
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		draftID, err := c.uploadDraft(ctx, tx, applicant, item)
		if err != nil {
			return err
		}
		if err := insertMaterial(ctx, tx, draftStream(draftID), m); err != nil {
			return err
		}
		store.Created(ctx, m.SHA256)
		return c.appendEvent(ctx, tx, draftStream(draftID), EventDraftMaterialAdded, applicant.Username, materialPayload(m))
	})
	return m, err
}

// uploadDraft returns the applicant's newest draft of item, starting one
// when there is none.
func (c *Casework) uploadDraft(ctx context.Context, tx *store.Tx, applicant org.User, item ItemVersion) (string, error) {
	var id string
	err := tx.QueryRow(ctx, `SELECT id FROM drafts WHERE applicant_id = ? AND item_code = ? AND item_version = ?
		ORDER BY updated_at DESC, id LIMIT 1`, applicant.ID, item.Code, item.Version).Scan(&id)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	d, err := c.startDraft(ctx, tx, applicant, item)
	return d.ID, err
}

// Uploaded returns one of the applicant's uploads for item.
func (c *Casework) Uploaded(ctx context.Context, applicantID int64, item ItemVersion, ref MaterialRef) (Material, error) {
	found, err := uploadsNamed(ctx, c.db, applicantID, item, []MaterialRef{ref})
	if err != nil {
		return Material{}, err
	}
	return found[0], nil
}

// MaterialRef names an uploaded file by its material slot and content.
type MaterialRef struct {
	Slot   int
	SHA256 string
}

// UnknownMaterialError refuses a submission naming a file the applicant
// has not uploaded for the item version; Index is its place in the request.
type UnknownMaterialError struct{ Index int }

func (e *UnknownMaterialError) Error() string {
	return fmt.Sprintf("casework: material %d of the submission was not uploaded", e.Index)
}

// SubmitNamed receives an application whose materials are named among the
// applicant's uploads for the item version: the case holds exactly those,
// copied, whatever else the applicant uploads or submits meanwhile. The
// check, the case and its event are one transaction.
func (c *Casework) SubmitNamed(ctx context.Context, applicant org.User, item ItemVersion, form Form, named []MaterialRef) (Case, error) {
	if err := Admit(applicant, item); err != nil {
		return Case{}, err
	}
	var out *Case
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		materials, err := uploadsNamed(ctx, tx, applicant.ID, item, named)
		if err != nil {
			return err
		}
		out, err = c.receive(ctx, tx, submission{item: item, applicantID: applicant.ID, channel: Online,
			form: form, materials: materials, actor: applicant.Username})
		return err
	})
	return received(out, err)
}

// uploadsNamed finds each named file among the applicant's uploads for
// item; a name given twice is held once.
func uploadsNamed(ctx context.Context, tx store.Querier, applicantID int64, item ItemVersion, named []MaterialRef) ([]Material, error) {
	seen := map[MaterialRef]bool{}
	var out []Material
	for i, ref := range named {
		m := Material{Slot: ref.Slot, SHA256: ref.SHA256}
		var added int64
		err := tx.QueryRow(ctx, `SELECT m.filename, m.size, m.content_type, m.added_at FROM materials m
			JOIN drafts d ON m.owner = 'draft:' || d.id
			WHERE d.applicant_id = ? AND d.item_code = ? AND d.item_version = ? AND m.slot = ? AND m.sha256 = ?
			ORDER BY m.id DESC LIMIT 1`, applicantID, item.Code, item.Version, ref.Slot, ref.SHA256).
			Scan(&m.Filename, &m.Size, &m.ContentType, &added)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, &UnknownMaterialError{Index: i}
		}
		if err != nil {
			return nil, fmt.Errorf("casework: unable to find an upload: %w", err)
		}
		if seen[ref] {
			continue
		}
		seen[ref] = true
		m.AddedAt = store.FromMicros(added)
		out = append(out, m)
	}
	return out, nil
}
