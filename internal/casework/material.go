package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// defaultTypes are accepted where an item names no file types.
var defaultTypes = []string{"pdf", "jpg", "jpeg", "png"}

// defaultMaxBytes bounds a material where the item sets no size.
const defaultMaxBytes = 10 << 20

// Limits are the file types (extensions) and the size in bytes a material
// accepts: the item's, or the defaults where it sets none. Its refusals'
// messages name them.
func (r MaterialRule) Limits() (types []string, maxBytes int64) {
	types, maxBytes = r.Types, r.MaxBytes
	if len(types) == 0 {
		types = defaultTypes
	}
	if maxBytes <= 0 {
		maxBytes = defaultMaxBytes
	}
	return types, maxBytes
}

// checkUpload refuses a file the item's material rule does not accept, by
// message key: wrong slot, too large, empty, a type not listed, or content
// that is not what its name says.
func checkUpload(item ItemVersion, slot int, filename string, data []byte) (string, string) {
	if slot < 0 || slot >= len(item.Materials) {
		return "", "casework.material.slot"
	}
	rule := item.Materials[slot]
	if rule.PaperOnly {
		return "", "casework.material.paper_only"
	}
	types, limit := rule.Limits()
	switch {
	case len(data) == 0:
		return "", "casework.material.empty"
	case int64(len(data)) > limit:
		return "", "casework.material.too_large"
	case !slices.Contains(types, blob.Ext(filename)):
		return "", "casework.material.type"
	}
	ct, ok := blob.Identify(filename, data)
	if !ok {
		return "", "casework.material.content"
	}
	return ct, ""
}

// cleanFilename keeps the base name a person gave, without a path.
func cleanFilename(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	return name
}

// AddMaterial attaches an uploaded file to one material of a draft. The
// file is checked against the item's rule and stored before the record.
func (c *Casework) AddMaterial(ctx context.Context, actor string, applicantID int64, draftID string, item ItemVersion, slot int, filename string, data []byte) (Material, error) {
	if _, err := c.Draft(ctx, applicantID, draftID); err != nil {
		return Material{}, err
	}
	m, err := c.storeFile(item, slot, filename, data)
	if err != nil {
		return m, err
	}
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		if err := insertMaterial(ctx, tx, draftStream(draftID), m); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, draftStream(draftID), EventDraftMaterialAdded, actor, materialPayload(m))
	})
	return m, err
}

// storeFile checks an upload and writes it to the file store.
func (c *Casework) storeFile(item ItemVersion, slot int, filename string, data []byte) (Material, error) {
	filename = cleanFilename(filename)
	ct, key := checkUpload(item, slot, filename, data)
	if key != "" {
		return Material{}, &InvalidError{Materials: map[int]string{slot: key}}
	}
	sha, err := c.files.Put(data)
	if err != nil {
		return Material{}, err
	}
	return Material{Slot: slot, SHA256: sha, Filename: filename, Size: int64(len(data)), ContentType: ct, AddedAt: c.now()}, nil
}

// RemoveMaterial takes a file off a draft (the stored file stays: another
// record may name the same content).
func (c *Casework) RemoveMaterial(ctx context.Context, actor string, applicantID int64, draftID string, slot int, sha string) error {
	if _, err := c.Draft(ctx, applicantID, draftID); err != nil {
		return err
	}
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM materials WHERE owner = ? AND slot = ? AND sha256 = ?`, draftStream(draftID), slot, sha)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return c.appendEvent(ctx, tx, draftStream(draftID), EventDraftMaterialRemoved, actor, MaterialRemovedPayload{SHA256: sha, Slot: slot})
	})
}

func insertMaterial(ctx context.Context, tx *store.Tx, owner string, m Material) error {
	_, err := tx.Exec(ctx, `INSERT INTO materials (owner, slot, sha256, filename, size, content_type, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, owner, m.Slot, m.SHA256, m.Filename, m.Size, m.ContentType, store.Micros(m.AddedAt))
	if err != nil {
		return fmt.Errorf("casework: unable to record a material: %w", err)
	}
	return nil
}

func materialsOf(ctx context.Context, q store.Querier, owner string) ([]Material, error) {
	rows, err := q.Query(ctx, `SELECT slot, sha256, filename, size, content_type, added_at FROM materials
		WHERE owner = ? ORDER BY slot, id`, owner)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to read materials: %w", err)
	}
	defer rows.Close()
	var out []Material
	for rows.Next() {
		var m Material
		var added int64
		if err := rows.Scan(&m.Slot, &m.SHA256, &m.Filename, &m.Size, &m.ContentType, &added); err != nil {
			return nil, err
		}
		m.AddedAt = store.FromMicros(added)
		out = append(out, m)
	}
	return out, rows.Err()
}

// File returns a material's content for someone already allowed to see
// the case or draft it belongs to.
func (c *Casework) File(sha string) ([]byte, error) { return c.files.Get(sha) }

// CheckUpload says why a file would be refused for material slot of item,
// by message key, or "" when it would be accepted; a page uses it to check
// every file of a request before storing any.
func CheckUpload(item ItemVersion, slot int, filename string, data []byte) string {
	_, key := checkUpload(item, slot, cleanFilename(filename), data)
	return key
}

// ErrFrozen answers a change to the materials of an accepted case: after
// acceptance they are frozen, and to change them the applicant withdraws.
var ErrFrozen = &refuse.Error{Kind: refuse.ErrConflict, Text: "casework: the materials of an accepted case are frozen",
	Key: "case.api.frozen", Code: "case.api.frozen"}

// AddCaseMaterial adds a file to one material of the applicant's own case
// while it still awaits acceptance (a forgotten optional material, say).
func (c *Casework) AddCaseMaterial(ctx context.Context, actor string, applicantID int64, n Number, item ItemVersion, slot int, filename string, data []byte) (Material, error) {
	cs, err := c.CaseOf(ctx, applicantID, n)
	if err != nil {
		return Material{}, err
	}
	if cs.Status != Submitted {
		return Material{}, ErrFrozen
	}
	m, err := c.storeFile(item, slot, filename, data)
	if err != nil {
		return m, err
	}
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM cases WHERE number = ?`, string(n)).Scan(&status); err != nil {
			return err
		}
		if Status(status) != Submitted { // accepted meanwhile
			return ErrFrozen
		}
		if err := insertMaterial(ctx, tx, Stream(n), m); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, Stream(n), EventMaterialAdded, actor, materialPayload(m))
	})
	return m, err
}
