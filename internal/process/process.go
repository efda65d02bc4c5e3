package process

import (
	"context"
	"errors"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// Org is what process needs to know of the organisation. *org.Org satisfies it.
type Org interface {
	Department(ctx context.Context, id int64) (org.Department, error)
	DepartmentByCode(ctx context.Context, code string) (org.Department, error)
	Region(ctx context.Context, code string) (org.Region, error)
	Users(ctx context.Context, f org.UserFilter) ([]org.User, error)
	UserWithHash(ctx context.Context, username string) (org.User, string, error)
	// In reads through a transaction (see org.Org.In).
	In(q store.Querier) *org.Org
}

// Clocks keeps step time limits. *deadline.Book satisfies it.
type Clocks interface {
	ForRegion(ctx context.Context, q store.Querier, path string) (string, error)
	Start(ctx context.Context, tx *store.Tx, owner, purpose string, clk workday.Clock) (time.Time, error)
	Stop(ctx context.Context, tx *store.Tx, owner, purpose string) error
	Clock(ctx context.Context, q store.Querier, owner, purpose string) (workday.Clock, bool, error)
	Update(ctx context.Context, tx *store.Tx, owner, purpose string, clk workday.Clock) (time.Time, error)
}

// Config is what Processes is built from. Clocks may be nil only where no instance runs
// (an editor-only tool); a task with a time limit then fails to open.
type Config struct {
	DB     *store.DB
	Org    Org
	Clocks Clocks
	Now    func() time.Time
}

// Processes stores definitions, delegations and instances. It is safe for concurrent use;
// several on one database (one per node) stay consistent, since published definitions
// never change and the caches it keeps of the organisation expire within seconds.
type Processes struct {
	db     *store.DB
	org    Org
	clocks Clocks
	now    func() time.Time
	defs   defCache
	dir    *Directory
	cals   *ttlCache[string]
}

// New returns Processes on the configured database.
func New(cfg Config) *Processes {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	p := &Processes{db: cfg.DB, org: cfg.Org, clocks: cfg.Clocks, now: cfg.Now, cals: newTTLCache[string](cacheTTL)}
	p.dir = newDirectory(cfg.DB, cfg.Org, cfg.Now)
	return p
}

// Directory returns the database-backed flow.Directory instances run with.
func (p *Processes) Directory() *Directory { return p.dir }

// Errors. web maps them to statuses and messages.
var (
	ErrNotFound   = refuse.NotFound("process: not found", "")
	ErrNotDraft   = refuse.Conflict("process: only a draft can be changed or published", "")
	ErrNotRunning = refuse.Conflict("process: the version is not published", "")
	ErrKeyTaken   = refuse.Conflict("process: the key belongs to another department or region", "")
	ErrConflict   = refuse.Conflict("process: the case was changed at the same moment; try again", "")
	ErrNoClocks   = errors.New("process: no clock book to keep step time limits")
)

// InvalidError names the field that is wrong and a message key saying why.
type InvalidError struct {
	Field string
	Key   string
}

func (e *InvalidError) Error() string { return "process: invalid " + e.Field + " (" + e.Key + ")" }

// Is makes an invalid field a refuse.ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == refuse.ErrInvalid }

func invalid(field, key string) error { return &InvalidError{Field: field, Key: key} }

func appendEvent(ctx context.Context, tx *store.Tx, stream, typ, actor string, at time.Time, payload any) error {
	_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: typ, Actor: actor, At: at, Payload: payload})
	return err
}
