package process

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/store"
)

// Status is where a definition version stands.
type Status string

const (
	StatusDraft     Status = "draft"     // being edited; cases cannot start on it
	StatusPublished Status = "published" // immutable; new cases start on the newest
	StatusRetired   Status = "retired"   // immutable; running cases finish on it, none start
)

// Scope says whose a definition is: a department's (DepartmentID, with RegionCode its
// region), a whole region's (RegionCode only), or every region's (neither: shipped and
// demo processes). All versions of a key share one scope.
type Scope struct {
	DepartmentID int64
	RegionCode   string
}

// Info describes one stored version of a definition.
type Info struct {
	Key         string
	Version     int
	Name        string
	Status      Status
	Scope       Scope
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedBy string
	PublishedAt time.Time
}

// Record is a stored version with its definition.
type Record struct {
	Info
	Definition *flow.Definition
}

// Stream is the event stream of a definition's history.
func Stream(key string) string { return "process:" + key }

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,63}$`)

// SaveDraft stores def as the key's draft: it updates the draft if the newest version is
// one, and otherwise starts the next version, so editing a published definition makes
// draft N+1. A draft need not pass flow.Check; Publish does that. def.Version is set to
// the stored version.
func (p *Processes) SaveDraft(ctx context.Context, actor string, scope Scope, def *flow.Definition) (Record, error) {
	return p.saveDraft(ctx, actor, scope, def, "editor")
}

// Import reads a definition in the export format, strictly (flow.ParseDefinition: unknown
// fields and trailing data are refused), and saves it as the key's draft.
func (p *Processes) Import(ctx context.Context, actor string, scope Scope, data []byte) (Record, error) {
	def, err := flow.ParseDefinition(data)
	if err != nil {
		return Record{}, err
	}
	return p.saveDraft(ctx, actor, scope, def, "import")
}

func (p *Processes) saveDraft(ctx context.Context, actor string, scope Scope, def *flow.Definition, source string) (Record, error) {
	if def == nil {
		return Record{}, invalid("key", "flow.def.key_format")
	}
	d := *def
	d.Key, d.Name = strings.TrimSpace(d.Key), strings.TrimSpace(d.Name)
	if !keyPattern.MatchString(d.Key) {
		return Record{}, invalid("key", "flow.def.key_format")
	}
	if d.Name == "" {
		return Record{}, invalid("name", "form.required")
	}
	scope, err := p.normaliseScope(ctx, scope)
	if err != nil {
		return Record{}, err
	}
	now := p.now()
	fresh := Record{Info: Info{Key: d.Key, Name: d.Name, Status: StatusDraft, Scope: scope, CreatedBy: actor, CreatedAt: now, UpdatedAt: now}}
	var rec Record
	err = p.db.Tx(ctx, func(tx *store.Tx) error {
		rec = fresh // set afresh: the function may run twice, the first run against another state
		latest, found, err := latestInfo(ctx, tx, d.Key)
		if err != nil {
			return err
		}
		if found && latest.Scope != scope {
			return ErrKeyTaken
		}
		typ := EventDraftCreated
		payload := DraftPayload{Name: d.Name, Source: source}
		switch {
		case found && latest.Status == StatusDraft:
			typ, rec.Version, rec.CreatedBy, rec.CreatedAt = EventDraftSaved, latest.Version, latest.CreatedBy, latest.CreatedAt
		case found:
			rec.Version = latest.Version + 1
			payload.From = latest.Version
		default:
			rec.Version = 1
			payload.DepartmentID, payload.Region = scope.DepartmentID, scope.RegionCode
		}
		d.Version = rec.Version
		payload.Version = rec.Version
		body, err := json.Marshal(&d)
		if err != nil {
			return err
		}
		payload.Digest = digest(body)
		if typ == EventDraftSaved {
			_, err = tx.Exec(ctx, `UPDATE process_definitions SET name = ?, body = ?, updated_at = ?
				WHERE process_key = ? AND version = ? AND status = 'draft'`, d.Name, string(body), store.Micros(now), d.Key, rec.Version)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO process_definitions (process_key, version, name, body, status, department_id, region_code, created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
				d.Key, rec.Version, d.Name, string(body), nullID(scope.DepartmentID), nullString(scope.RegionCode), actor, store.Micros(now), store.Micros(now))
		}
		if store.IsUniqueViolation(err) {
			return ErrConflict // another administrator created the version at the same moment
		}
		if err != nil {
			return fmt.Errorf("process: unable to save the draft of %s: %w", d.Key, err)
		}
		return appendEvent(ctx, tx, Stream(d.Key), typ, actor, now, payload)
	})
	if err != nil {
		return Record{}, err
	}
	rec.Definition = &d
	return rec, nil
}

// normaliseScope fills a department's region and checks that what it names exists.
func (p *Processes) normaliseScope(ctx context.Context, s Scope) (Scope, error) {
	if s.DepartmentID != 0 {
		d, err := p.org.Department(ctx, s.DepartmentID)
		if err != nil {
			return s, invalid("scope", "flow.def.scope_unknown")
		}
		return Scope{DepartmentID: d.ID, RegionCode: d.RegionCode}, nil
	}
	if s.RegionCode != "" {
		if _, err := p.org.Region(ctx, s.RegionCode); err != nil {
			return s, invalid("scope", "flow.def.scope_unknown")
		}
	}
	return s, nil
}

// Publish checks a draft with flow.Check and publishes it. It refuses with a
// *flow.DefinitionError listing the problems, each naming its node, and changes nothing.
// Publishing retires the versions published before it: new cases start on this one, and
// cases already running keep theirs.
func (p *Processes) Publish(ctx context.Context, actor, key string, version int) (Record, error) {
	var rec Record
	now := p.now()
	err := p.db.Tx(ctx, func(tx *store.Tx) error {
		r, err := getRecord(ctx, tx, key, version)
		if err != nil {
			return err
		}
		if r.Status != StatusDraft {
			return ErrNotDraft
		}
		if err := flow.Validate(r.Definition); err != nil {
			return err
		}
		var retired []int
		rows, err := tx.Query(ctx, `SELECT version FROM process_definitions WHERE process_key = ? AND status = 'published' AND version < ?`, key, version)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return err
			}
			retired = append(retired, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE process_definitions SET status = 'retired', updated_at = ?
			WHERE process_key = ? AND status = 'published' AND version < ?`, store.Micros(now), key, version); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE process_definitions SET status = 'published', published_by = ?, published_at = ?, updated_at = ?
			WHERE process_key = ? AND version = ?`, actor, store.Micros(now), store.Micros(now), key, version); err != nil {
			return fmt.Errorf("process: unable to publish %s version %d: %w", key, version, err)
		}
		body, _ := json.Marshal(r.Definition)
		r.Status, r.PublishedBy, r.PublishedAt, r.UpdatedAt = StatusPublished, actor, now, now
		rec = r
		return appendEvent(ctx, tx, Stream(key), EventPublished, actor, now,
			PublishedPayload{Digest: digest(body), Retired: retired, Version: version})
	})
	return rec, err
}

// Retire stops new cases from starting on a published version; cases running on it go on.
func (p *Processes) Retire(ctx context.Context, actor, key string, version int) error {
	now := p.now()
	return p.db.Tx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE process_definitions SET status = 'retired', updated_at = ?
			WHERE process_key = ? AND version = ? AND status = 'published'`, store.Micros(now), key, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotRunning
		}
		return appendEvent(ctx, tx, Stream(key), EventRetired, actor, now, RetiredPayload{Version: version})
	})
}

// Get returns one version; version 0 means the newest, whatever its status.
func (p *Processes) Get(ctx context.Context, key string, version int) (Record, error) {
	if version == 0 {
		latest, found, err := latestInfo(ctx, p.db, key)
		if err != nil {
			return Record{}, err
		}
		if !found {
			return Record{}, ErrNotFound
		}
		version = latest.Version
	}
	return getRecord(ctx, p.db, key, version)
}

// Export returns a version in the import format, indented for people.
func (p *Processes) Export(ctx context.Context, key string, version int) ([]byte, error) {
	r, err := p.Get(ctx, key, version)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(r.Definition, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// List returns every stored version, by key and then newest version first.
func (p *Processes) List(ctx context.Context) ([]Info, error) {
	return listInfos(ctx, p.db, `ORDER BY process_key, version DESC`)
}

// Versions returns the versions of one key, newest first.
func (p *Processes) Versions(ctx context.Context, key string) ([]Info, error) {
	return listInfos(ctx, p.db, `WHERE process_key = ? ORDER BY version DESC`, key)
}

const infoColumns = `process_key, version, name, status, COALESCE(department_id, 0), COALESCE(region_code, ''),
	created_by, created_at, updated_at, published_by, published_at`

func scanInfo(row interface{ Scan(...any) error }, extra ...any) (Info, error) {
	var (
		in                          Info
		created, updated, published int64
	)
	dest := append([]any{&in.Key, &in.Version, &in.Name, &in.Status, &in.Scope.DepartmentID, &in.Scope.RegionCode,
		&in.CreatedBy, &created, &updated, &in.PublishedBy, &published}, extra...)
	if err := row.Scan(dest...); err != nil {
		return in, err
	}
	in.CreatedAt, in.UpdatedAt, in.PublishedAt = store.FromMicros(created), store.FromMicros(updated), store.FromMicros(published)
	return in, nil
}

func listInfos(ctx context.Context, q store.Querier, tail string, args ...any) ([]Info, error) {
	rows, err := q.Query(ctx, `SELECT `+infoColumns+` FROM process_definitions `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("process: unable to list definitions: %w", err)
	}
	defer rows.Close()
	var out []Info
	for rows.Next() {
		in, err := scanInfo(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

func latestInfo(ctx context.Context, q store.Querier, key string) (Info, bool, error) {
	in, err := scanInfo(q.QueryRow(ctx, `SELECT `+infoColumns+` FROM process_definitions WHERE process_key = ? ORDER BY version DESC LIMIT 1`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return in, false, nil
	}
	if err != nil {
		return in, false, fmt.Errorf("process: unable to read %s: %w", key, err)
	}
	return in, true, nil
}

func getRecord(ctx context.Context, q store.Querier, key string, version int) (Record, error) {
	var body string
	in, err := scanInfo(q.QueryRow(ctx, `SELECT `+infoColumns+`, body FROM process_definitions WHERE process_key = ? AND version = ?`, key, version), &body)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, ErrNotFound
	}
	if err != nil {
		return Record{}, fmt.Errorf("process: unable to read %s version %d: %w", key, version, err)
	}
	def, err := decodeBody(body, key, version)
	if err != nil {
		return Record{}, err
	}
	return Record{Info: in, Definition: def}, nil
}

// decodeBody parses a stored definition; one that no longer parses is corruption.
func decodeBody(body, key string, version int) (*flow.Definition, error) {
	def, err := flow.ParseDefinition([]byte(body))
	if err != nil {
		return nil, fmt.Errorf("process: stored %s version %d does not parse: %w", key, version, err)
	}
	return def, nil
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
