package tasks

import (
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// Config is what Tasks is built from.
type Config struct {
	DB        *store.DB
	Org       *org.Org
	Casework  *casework.Casework
	Processes *process.Processes
	Clocks    *deadline.Book
	Now       func() time.Time
}

// Tasks is the staff's work on cases. It is safe for concurrent use.
type Tasks struct {
	db    *store.DB
	org   *org.Org
	cases *casework.Casework
	procs *process.Processes
	book  *deadline.Book
	now   func() time.Time
}

// New returns Tasks on the configured services.
func New(cfg Config) *Tasks {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Tasks{db: cfg.DB, org: cfg.Org, cases: cfg.Casework, procs: cfg.Processes, book: cfg.Clocks, now: cfg.Now}
}

// Refusals. Each carries a message key (task.error.*) the pages and the API translate.
var (
	// ErrNotFound answers a case or task the user may not see, and one that does not
	// exist: the two are not told apart.
	ErrNotFound = refuse.NotFound("tasks: not found", "task.error.not_found")
	// ErrReadOnly refuses every write of a user who only reads (a supervisor).
	ErrReadOnly = refuse.Forbidden("tasks: this user reads cases and changes nothing", "task.error.read_only")
	// ErrHandled: someone has already acted on the task.
	ErrHandled = refuse.Conflict("tasks: the task has already been handled", "task.error.handled")
	// ErrNotNow: the case or task is not in a state that allows the action.
	ErrNotNow = refuse.Conflict("tasks: the action is not possible now", "task.error.not_now")
	// ErrTakeBack: what the completion started has been acted on already.
	ErrTakeBack = refuse.Conflict("tasks: the completion can no longer be taken back", "task.error.take_back")
	// ErrBusy: the case changed at the same moment; trying again helps.
	ErrBusy = refuse.Conflict("tasks: the case was changed at the same moment", "task.error.busy")
	// ErrSamePerson: the step is kept apart from one the user handled (flow's
	// DistinctFrom): whoever handled a case does not also approve it.
	ErrSamePerson = refuse.Forbidden("tasks: the same person may not act on this step", "task.error.same_person")
	// ErrPending: a correction of the opinion already awaits consent.
	ErrPending = refuse.Conflict("tasks: a correction of this opinion awaits consent", "task.error.pending")
)

func invalid(field, key string) error { return refuse.Field("tasks: invalid "+field, field, key) }
