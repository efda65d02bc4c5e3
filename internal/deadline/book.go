package deadline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// National is the name of the calendar that ships with Shenpi.
const National = "cn"

var (
	ErrNotFound = refuse.NotFound("deadline: no such calendar", "")
	ErrConflict = refuse.Conflict("deadline: a calendar with that name exists", "")
)

// Book reads and edits calendars and clocks.
type Book struct {
	db  *store.DB
	now func() time.Time

	mu        sync.Mutex
	stamp     int64 // the calendars' newest updated_at when cache was built
	calendars map[string]*workday.Calendar
}

// Open returns a Book on db, storing the shipped national calendar the
// first time, so that later reads never need to write.
func Open(ctx context.Context, db *store.DB, now func() time.Time) (*Book, error) {
	b := &Book{db: db, now: now}
	if err := b.ensureNational(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// Entry is a stored calendar: its own entries (Local) and where it sits.
type Entry struct {
	Name       string
	Parent     string
	RegionCode string
	Local      workday.Spec
	UpdatedAt  time.Time
}

// entries loads every stored calendar, seeding the national one from the
// data that ships with Shenpi the first time.
func (b *Book) entries(ctx context.Context, q store.Querier) (map[string]Entry, error) {
	rows, err := q.Query(ctx, `SELECT name, COALESCE(parent, ''), COALESCE(region_code, ''), spec, updated_at FROM calendars`)
	if err != nil {
		return nil, fmt.Errorf("deadline: unable to read calendars: %w", err)
	}
	defer rows.Close()
	out := map[string]Entry{}
	for rows.Next() {
		var (
			e       Entry
			text    string
			updated int64
		)
		if err := rows.Scan(&e.Name, &e.Parent, &e.RegionCode, &text, &updated); err != nil {
			return nil, err
		}
		spec, err := workday.ParseSpecText(strings.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("deadline: stored calendar %s does not parse: %w", e.Name, err)
		}
		e.Local, e.UpdatedAt = spec, store.FromMicros(updated)
		out[e.Name] = e
	}
	return out, rows.Err()
}

// ensureNational stores the shipped national calendar if it is not there yet.
func (b *Book) ensureNational(ctx context.Context) error {
	_, err := b.db.Exec(ctx, `INSERT INTO calendars (name, parent, region_code, spec, updated_at) VALUES (?, NULL, NULL, ?, ?)
		ON CONFLICT (name) DO NOTHING`, National, workday.FormatSpecText(workday.NationalSpec()), store.Micros(b.now()))
	if err != nil {
		return fmt.Errorf("deadline: unable to store the national calendar: %w", err)
	}
	return nil
}

// effective builds the full spec of a calendar: its parent's effective spec
// with its own entries laid over.
func effective(all map[string]Entry, name string, depth int) (workday.Spec, error) {
	e, ok := all[name]
	if !ok {
		return workday.Spec{}, fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	local := e.Local
	local.Name = e.Name
	if e.Parent == "" {
		return local, nil
	}
	if depth > 8 {
		return workday.Spec{}, fmt.Errorf("deadline: calendar %s derives from itself", name)
	}
	parent, err := effective(all, e.Parent, depth+1)
	if err != nil {
		return workday.Spec{}, err
	}
	return workday.Derive(parent, local), nil
}

// Calendar returns the effective calendar by name. Calendars are cached
// and rebuilt when any stored calendar changes, also on another node.
func (b *Book) Calendar(ctx context.Context, name string) (*workday.Calendar, error) {
	return b.calendar(ctx, b.db, name)
}

// zoneOf returns the time zone of a calendar from the cache, without the
// read that asks whether any calendar changed: it keys a clock's due group
// by its start day, and the group found holds a due instant kept current
// by every calendar edit. Only a change of zone (China has one) would be
// seen late, on this node.
func (b *Book) zoneOf(ctx context.Context, q store.Querier, name string) (*time.Location, error) {
	b.mu.Lock()
	c, ok := b.calendars[name]
	b.mu.Unlock()
	if !ok {
		var err error
		if c, err = b.calendar(ctx, q, name); err != nil {
			return nil, err
		}
	}
	return c.Location(), nil
}

// calendar reads through q, so that inside a transaction no second
// connection is needed (on PostgreSQL that could wait for ever on a pool
// held by transactions queued behind this one).
func (b *Book) calendar(ctx context.Context, q store.Querier, name string) (*workday.Calendar, error) {
	var stamp int64
	if err := q.QueryRow(ctx, `SELECT COALESCE(MAX(updated_at), 0) FROM calendars`).Scan(&stamp); err != nil {
		return nil, fmt.Errorf("deadline: unable to read calendars: %w", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if stamp != b.stamp || b.calendars == nil {
		b.calendars, b.stamp = map[string]*workday.Calendar{}, stamp
	}
	if c, ok := b.calendars[name]; ok {
		return c, nil
	}
	all, err := b.entries(ctx, q)
	if err != nil {
		return nil, err
	}
	spec, err := effective(all, name, 0)
	if err != nil {
		return nil, err
	}
	c, err := workday.New(spec)
	if err != nil {
		return nil, err
	}
	b.calendars[name] = c
	return c, nil
}

// Entries lists the stored calendars.
func (b *Book) Entries(ctx context.Context) ([]Entry, error) {
	all, err := b.entries(ctx, b.db)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(all))
	out = append(out, all[National])
	for name, e := range all {
		if name != National {
			out = append(out, e)
		}
	}
	return out, nil
}

// Entry returns one stored calendar.
func (b *Book) Entry(ctx context.Context, name string) (Entry, error) {
	es, err := b.Entries(ctx)
	if err != nil {
		return Entry{}, err
	}
	for _, e := range es {
		if e.Name == name {
			return e, nil
		}
	}
	return Entry{}, ErrNotFound
}

// ForRegion names the calendar a region's items and cases use: the
// calendar of the nearest region on its path that has one, else the
// national calendar. path is the region's path, e.g. /320000/320100/320102/.
// Inside a transaction pass the transaction as q. The path names every
// region on the way, so the regions table (org's) is not read.
func (b *Book) ForRegion(ctx context.Context, q store.Querier, path string) (string, error) {
	codes := strings.Split(strings.Trim(path, "/"), "/")
	args := make([]any, len(codes))
	for i, c := range codes {
		args[i] = c
	}
	rows, err := q.Query(ctx, `SELECT name, region_code FROM calendars WHERE region_code IN (?`+
		strings.Repeat(",?", len(codes)-1)+`)`, args...)
	if err != nil {
		return "", fmt.Errorf("deadline: unable to find the calendar of %s: %w", path, err)
	}
	defer rows.Close()
	name, depth := National, -1
	for rows.Next() {
		var n, code string
		if err := rows.Scan(&n, &code); err != nil {
			return "", fmt.Errorf("deadline: unable to find the calendar of %s: %w", path, err)
		}
		if d := slices.Index(codes, code); d > depth {
			name, depth = n, d
		}
	}
	return name, rows.Err()
}
