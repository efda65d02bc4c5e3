package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// Directory is what the catalogue needs to know of the organisation: the
// responsible department and its region, and where a user acts
// (auth.ReachOf). *org.Org satisfies it.
type Directory interface {
	auth.Directory
	DepartmentByCode(ctx context.Context, code string) (org.Department, error)
}

// Catalog reads and changes the approval item catalogue. It is safe for
// concurrent use; several Catalogs on one database (one per node, or one per
// command) stay consistent through the generation counter.
type Catalog struct {
	db  *store.DB
	dir Directory
	now func() time.Time
	idx *index
}

// New returns a Catalog on db; now is the clock (time.Now in production).
func New(db *store.DB, dir Directory, now func() time.Time) *Catalog {
	if now == nil {
		now = time.Now
	}
	return &Catalog{db: db, dir: dir, now: now, idx: newIndex()}
}

// Stream is the event stream of an item.
func Stream(code string) string { return "item:" + code }

func (c *Catalog) appendEvent(ctx context.Context, tx *store.Tx, actor, code, typ string, payload any) error {
	_, err := event.Append(ctx, tx, event.Draft{Stream: Stream(code), Type: typ, Actor: actor, At: c.now(), Payload: payload})
	return err
}

// resolve fills the region of the item's department, refusing an unknown
// department or a region that contradicts it.
func (c *Catalog) resolve(ctx context.Context, it *Item) *InvalidError {
	d, err := c.dir.DepartmentByCode(ctx, it.Department)
	if err != nil {
		return &InvalidError{Item: it.Code, Field: "department", Key: "catalog.item.department_unknown"}
	}
	r, err := c.dir.Region(ctx, d.RegionCode)
	if err != nil {
		return &InvalidError{Item: it.Code, Field: "department", Key: "catalog.item.department_unknown"}
	}
	if it.RegionCode != "" && it.RegionCode != r.Code || it.RegionLevel != "" && it.RegionLevel != string(r.Level) {
		return &InvalidError{Item: it.Code, Field: "region_code", Key: "catalog.item.region_mismatch"}
	}
	it.RegionCode, it.RegionLevel = r.Code, string(r.Level)
	return nil
}

// prepare normalises, validates and resolves an item before it is stored;
// the samples it names must be stored already (q sees the files of an
// import's own transaction) or come with it (pending).
func (c *Catalog) prepare(ctx context.Context, q store.Querier, it *Item, pending map[string]bool) error {
	it.Normalize()
	if e := it.Validate(); e != nil {
		return e
	}
	if e := c.resolve(ctx, it); e != nil {
		return e
	}
	for i, m := range it.Materials {
		if m.Sample == nil || pending[m.Sample.SHA256] {
			continue
		}
		ok, err := hasFile(ctx, q, m.Sample.SHA256)
		if err != nil {
			return err
		}
		if !ok {
			return &InvalidError{Item: it.Code, Field: "materials." + strconv.Itoa(i) + ".sample", Key: "catalog.item.sample_missing"}
		}
	}
	return nil
}

// bumpGeneration advances the catalogue generation inside tx and marks the
// item with it, so search indexes reload the item.
func bumpGeneration(ctx context.Context, tx *store.Tx, code string, now time.Time) error {
	var gen int64
	if err := tx.QueryRow(ctx, `UPDATE catalog_state SET gen = gen + 1 WHERE id = 1 RETURNING gen`).Scan(&gen); err != nil {
		return fmt.Errorf("catalog: unable to advance the generation: %w", err)
	}
	_, err := tx.Exec(ctx, `UPDATE catalog_items SET gen = ?, updated_at = ? WHERE code = ?`, gen, store.Micros(now), code)
	return err
}

const versionSelect = `SELECT v.code, v.version, v.state, v.body, v.created_by, v.created_at, v.submitted_by, v.submitted_at,
	v.published_by, v.published_at, v.note, i.withdrawn, i.current_version
	FROM catalog_versions v JOIN catalog_items i ON i.code = v.code `

func scanVersion(row interface{ Scan(...any) error }) (Version, error) {
	var (
		v                             Version
		body                          string
		created, submitted, published int64
		current                       int
	)
	err := row.Scan(&v.Code, &v.Number, &v.State, &body, &v.CreatedBy, &created, &v.SubmittedBy, &submitted,
		&v.PublishedBy, &published, &v.Note, &v.Withdrawn, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("catalog: unable to read a version: %w", err)
	}
	code, n := v.Code, v.Number
	if err := json.Unmarshal([]byte(body), &v.Item); err != nil {
		return v, fmt.Errorf("catalog: version %d of %s is unreadable: %w", n, code, err)
	}
	v.Code = code
	v.CreatedAt, v.SubmittedAt, v.PublishedAt = store.FromMicros(created), store.FromMicros(submitted), store.FromMicros(published)
	v.Current = current == n && v.State == StatePublished
	return v, nil
}

// Version returns version n of an item, in whatever state; cases read the
// version they were applied under through it, even after the item was
// changed or withdrawn.
func (c *Catalog) Version(ctx context.Context, code string, n int) (Version, error) {
	return scanVersion(c.db.QueryRow(ctx, versionSelect+`WHERE v.code = ? AND v.version = ?`, code, n))
}

// Current returns the published version the portal shows. A withdrawn item
// still answers, with Withdrawn set; ErrNotFound means never published.
func (c *Catalog) Current(ctx context.Context, code string) (Version, error) {
	return scanVersion(c.db.QueryRow(ctx, versionSelect+`WHERE v.code = ? AND v.version = i.current_version`, code))
}

// Latest returns the newest version of an item, whatever its state.
func (c *Catalog) Latest(ctx context.Context, code string) (Version, error) {
	return scanVersion(c.db.QueryRow(ctx, versionSelect+`WHERE v.code = ? AND v.version = i.latest_version`, code))
}

// Versions lists every version of an item, newest first.
func (c *Catalog) Versions(ctx context.Context, code string) ([]Version, error) {
	rows, err := c.db.Query(ctx, versionSelect+`WHERE v.code = ? ORDER BY v.version DESC`, code)
	if err != nil {
		return nil, fmt.Errorf("catalog: unable to list versions of %s: %w", code, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return out, nil
}

// ListFilter narrows Items to some departments (all when empty).
type ListFilter struct {
	Departments []string
}

// Items lists items with their newest version's state, by department and
// code, for the administration pages.
func (c *Catalog) Items(ctx context.Context, f ListFilter) ([]Summary, error) {
	q := `SELECT i.code, v.name, v.body, i.department_code, i.latest_version, v.state, i.current_version, i.withdrawn, i.uses, i.updated_at
		FROM catalog_items i JOIN catalog_versions v ON v.code = i.code AND v.version = i.latest_version`
	var args []any
	if len(f.Departments) > 0 {
		q += ` WHERE i.department_code IN (?` + strings.Repeat(",?", len(f.Departments)-1) + `)`
		for _, d := range f.Departments {
			args = append(args, d)
		}
	}
	rows, err := c.db.Query(ctx, q+` ORDER BY i.department_code, i.code`, args...)
	if err != nil {
		return nil, fmt.Errorf("catalog: unable to list items: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var (
			s       Summary
			body    string
			updated int64
		)
		if err := rows.Scan(&s.Code, &s.Name, &body, &s.Department, &s.LatestVersion, &s.LatestState, &s.CurrentVersion,
			&s.Withdrawn, &s.Uses, &updated); err != nil {
			return nil, fmt.Errorf("catalog: unable to read an item: %w", err)
		}
		var head struct {
			NameEn string `json:"name_en"`
		}
		json.Unmarshal([]byte(body), &head)
		s.NameEn, s.UpdatedAt = head.NameEn, store.FromMicros(updated)
		out = append(out, s)
	}
	return out, rows.Err()
}
