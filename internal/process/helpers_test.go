package process_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/flow/demo"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
)

// clock is a test clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is the orgtest organisation with the staff a serial process needs in department
// MarketA (320102-SCJG): clerka, handlera and handlera2 (so the handling step goes to
// two candidates), reviewera, approvera.
type env struct {
	t     testing.TB
	db    *store.DB
	f     *orgtest.Fixture
	book  *deadline.Book
	clock *clock
	p     *process.Processes
	seq   atomic.Int64
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	ctx := context.Background()
	f := orgtest.Build(t, db, "x")
	for _, u := range []org.User{
		{Username: "handlera2", Role: org.RoleHandler, DisplayName: "承办甲二", DepartmentID: f.MarketA.ID},
		{Username: "reviewera", Role: org.RoleReviewer, DisplayName: "审核甲", DepartmentID: f.MarketA.ID},
		{Username: "approvera", Role: org.RoleApprover, DisplayName: "批准甲", DepartmentID: f.MarketA.ID},
	} {
		created, err := f.Org.CreateUser(ctx, "test", u, "x")
		if err != nil {
			t.Fatal(err)
		}
		f.Users[created.Username] = created
	}
	c := &clock{t: orgtest.Clock()}
	book, err := deadline.Open(ctx, db, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	p := process.New(process.Config{DB: db, Org: f.Org, Clocks: book, Now: c.Now})
	return &env{t: t, db: db, f: f, book: book, clock: c, p: p}
}

// publishDemo publishes one of flow's demo definitions and returns its key.
func (e *env) publishDemo(name string) string {
	e.t.Helper()
	def, err := demo.Definition(name)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.publish(def)
}

func (e *env) publish(def *flow.Definition) string {
	e.t.Helper()
	ctx := context.Background()
	rec, err := e.p.SaveDraft(ctx, "deptadmina", process.Scope{DepartmentID: e.f.MarketA.ID}, def)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.p.Publish(ctx, "deptadmina", rec.Key, rec.Version); err != nil {
		e.t.Fatal(err)
	}
	return rec.Key
}

// start begins an instance of key in department MarketA, as casework would on acceptance.
func (e *env) start(key string, form map[string]any) (string, flow.State) {
	e.t.Helper()
	ctx := context.Background()
	id := fmt.Sprintf("i%d", e.seq.Add(1))
	var st flow.State
	err := e.db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		st, err = e.p.Start(ctx, tx, id, "case:"+id, key, 0, flow.Start{
			Meta: flow.Meta{RequestID: "start-" + id, Actor: "clerka"}, Form: form,
			Departments: flow.Departments{Item: e.f.MarketA.Code},
		})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return id, st
}

// complete completes the open task at node as actor.
func (e *env) complete(id string, st flow.State, node, actor, outcome string) flow.State {
	e.t.Helper()
	next, err := e.p.Run(context.Background(), id, flow.Complete{
		Meta: flow.Meta{RequestID: fmt.Sprintf("c%d", e.seq.Add(1)), Actor: actor}, TaskID: openAt(e.t, st, node).ID, Outcome: outcome,
	})
	if err != nil {
		e.t.Fatalf("complete %s as %s: %v", node, actor, err)
	}
	return next
}

func openAt(t testing.TB, st flow.State, node string) flow.Task {
	t.Helper()
	for _, task := range st.OpenTasks() {
		if task.Node == node {
			return task
		}
	}
	t.Fatalf("no open task at %s; open: %+v", node, st.OpenTasks())
	return flow.Task{}
}

func (e *env) events(stream string) []event.Event {
	e.t.Helper()
	evs, err := event.Stream(context.Background(), e.db, stream)
	if err != nil {
		e.t.Fatal(err)
	}
	return evs
}

func types(evs []event.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Type)
	}
	return out
}
