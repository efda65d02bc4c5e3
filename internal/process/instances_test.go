package process_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/workday"
)

// TestDoubleCompletion has the two handlers of a department complete the same task at
// the same moment, twenty times: exactly one succeeds, the other is told who did it.
func TestDoubleCompletion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		key := e.publishDemo("serial")
		for round := range 20 {
			id, st := e.start(key, nil)
			st = e.complete(id, st, "accept", "clerka", flow.OutcomeApprove)
			task := openAt(t, st, "handle")
			if !slices.Equal(task.Candidates, []string{"handlera", "handlera2"}) {
				t.Fatalf("handling should be offered to both handlers: %+v", task)
			}
			barrier := make(chan struct{})
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i, who := range []string{"handlera", "handlera2"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-barrier
					_, errs[i] = e.p.Run(ctx, id, flow.Complete{
						Meta: flow.Meta{RequestID: fmt.Sprintf("race-%d-%s", round, who), Actor: who}, TaskID: task.ID, Outcome: flow.OutcomeApprove,
					})
				}()
			}
			close(barrier)
			wg.Wait()
			winner, loser := 0, 1
			if errs[0] != nil {
				winner, loser = 1, 0
			}
			if errs[winner] != nil {
				t.Fatalf("round %d: neither completion succeeded: %v", round, errs)
			}
			by, at, ok := process.HandledBy(errs[loser])
			if want := []string{"handlera", "handlera2"}[winner]; !ok || by != want || !at.Equal(e.clock.Now()) {
				t.Fatalf("round %d: the loser got %v, want already handled by %s", round, errs[loser], want)
			}
			completed := 0
			for _, ev := range e.events("case:" + id) {
				if ev.Type == flow.EventTaskCompleted {
					completed++
				}
			}
			if completed != 2 { // accept and handle, once each
				t.Fatalf("round %d: %d task.completed events", round, completed)
			}
		}
	})
}

func TestRepeatedRequestIsHarmless(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		id, st := e.start(e.publishDemo("serial"), nil)
		cmd := flow.Complete{Meta: flow.Meta{RequestID: "once", Actor: "clerka"}, TaskID: openAt(t, st, "accept").ID, Outcome: flow.OutcomeApprove}
		first, err := e.p.Run(ctx, id, cmd)
		if err != nil {
			t.Fatal(err)
		}
		n := len(e.events("case:" + id))
		again, err := e.p.Run(ctx, id, cmd)
		if err != nil || again.Version != first.Version {
			t.Fatalf("repeat: version %d → %d, %v", first.Version, again.Version, err)
		}
		if len(e.events("case:"+id)) != n {
			t.Fatal("a repeated request appended events")
		}
	})
}

// TestRunWhileTheCaseStreamMoves: a command runs on a snapshot of the instance and its
// stream; when casework appends to the case's stream between that read and the save, the
// save is refused as stale and the command runs again on a fresh snapshot, so the log
// stays one unbroken chain.
func TestRunWhileTheCaseStreamMoves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		id, st := e.start(e.publishDemo("serial"), nil)
		var interrupt atomic.Bool
		interrupt.Store(true)
		// Processes reads the clock between its snapshot and its save: the moment to
		// slip in an event of casework's.
		now := func() time.Time {
			if interrupt.CompareAndSwap(true, false) {
				err := db.Tx(ctx, func(tx *store.Tx) error {
					_, err := event.Append(ctx, tx, event.Draft{Stream: "case:" + id, Type: "case.noted", Actor: "clerka", At: e.clock.Now()})
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}
			return e.clock.Now()
		}
		p := process.New(process.Config{DB: db, Org: e.f.Org, Clocks: e.book, Now: now})
		next, err := p.Run(ctx, id, flow.Complete{
			Meta: flow.Meta{RequestID: "moved", Actor: "clerka"}, TaskID: openAt(t, st, "accept").ID, Outcome: flow.OutcomeApprove,
		})
		if err != nil {
			t.Fatal(err)
		}
		openAt(t, next, "handle")
		evs := e.events("case:" + id)
		noted := slices.IndexFunc(evs, func(ev event.Event) bool { return ev.Type == "case.noted" })
		completed := slices.IndexFunc(evs, func(ev event.Event) bool { return ev.Type == flow.EventTaskCompleted })
		if noted < 0 || completed < noted {
			t.Fatalf("want the note, then the completion: %v", evs)
		}
		if r, err := event.Verify(ctx, db); err != nil || len(r.Problems) != 0 {
			t.Fatalf("verify: %+v, %v", r, err)
		}
	})
}

// TestColdStartsDoNotExhaustThePool starts many cases at once on a Processes whose caches
// are cold, so every start looks up role holders and a calendar inside its transaction.
// Those reads go through the transaction: on PostgreSQL, reads through the pool would
// wait for connections that the transactions queued behind them hold.
func TestColdStartsDoNotExhaustThePool(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		key := e.publishDemo("serial")
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		errs := make([]error, 48)
		for i := range errs {
			// A Processes of its own each: every cache cold.
			p := process.New(process.Config{DB: db, Org: e.f.Org, Clocks: e.book, Now: e.clock.Now})
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprint("cold-", i)
				errs[i] = db.Tx(ctx, func(tx *store.Tx) error {
					_, err := p.Start(ctx, tx, id, "case:"+id, key, 0, flow.Start{
						Meta: flow.Meta{RequestID: "start-" + id, Actor: "clerka"}, Departments: flow.Departments{Item: e.f.MarketA.Code},
					})
					return err
				})
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSuspensionPausesStepClocks: while a case is suspended (挂起) the time limit of its
// open step does not run, and after Resume the step is due later by the working days the
// suspension lasted.
func TestSuspensionPausesStepClocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		id, st := e.start(e.publishDemo("serial"), nil)
		st = e.complete(id, st, "accept", "clerka", flow.OutcomeApprove)
		handle := openAt(t, st, "handle")
		stream, purpose := "case:"+id, process.StepPurpose(handle.ID)
		state := func() workday.State {
			t.Helper()
			s, err := e.book.State(ctx, stream, purpose, e.clock.Now())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := state()
		if before.Paused || before.Due.IsZero() {
			t.Fatalf("a running step clock: %+v", before)
		}
		admin := func(cmd flow.Command) {
			t.Helper()
			if _, err := e.p.Run(ctx, id, cmd); err != nil {
				t.Fatal(err)
			}
		}
		admin(flow.Suspend{Meta: flow.Meta{RequestID: "suspend", Actor: "deptadmina"}, Reason: "申请人申请中止"})
		if s := state(); !s.Paused {
			t.Fatalf("the step clock runs while the case is suspended: %+v", s)
		}
		e.clock.Add(7 * 24 * time.Hour) // a calendar week: five working days
		admin(flow.Resume{Meta: flow.Meta{RequestID: "resume", Actor: "deptadmina"}, Reason: "中止情形消除"})
		after := state()
		cal, err := e.book.Calendar(ctx, "cn")
		if err != nil {
			t.Fatal(err)
		}
		if after.Paused || cal.CountWorkdays(cal.DateOf(before.Due), cal.DateOf(after.Due)) != 5 {
			t.Fatalf("due %v before the suspension, %v after a week of it (%+v)", before.Due, after.Due, after)
		}
	})
}

func TestDelegation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		now := e.clock.Now()
		var inv *process.InvalidError
		for _, c := range []struct {
			name  string
			d     process.Delegation
			field string
		}{
			{"self", process.Delegation{User: "approvera", Deputy: "approvera", From: now, To: now.Add(time.Hour), Reason: "出差"}, "deputy"},
			{"other department", process.Delegation{User: "approvera", Deputy: "handlerb", From: now, To: now.Add(time.Hour), Reason: "出差"}, "deputy"},
			{"unknown deputy", process.Delegation{User: "approvera", Deputy: "nobody", From: now, To: now.Add(time.Hour), Reason: "出差"}, "deputy"},
			{"backwards", process.Delegation{User: "approvera", Deputy: "reviewera", From: now, To: now.Add(-time.Hour), Reason: "出差"}, "to"},
			{"no reason", process.Delegation{User: "approvera", Deputy: "reviewera", From: now, To: now.Add(time.Hour)}, "reason"},
		} {
			if _, err := e.p.Delegate(ctx, e.f.Users["approvera"], c.d); !errors.As(err, &inv) || inv.Field != c.field {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		del, err := e.p.Delegate(ctx, e.f.Users["approvera"], process.Delegation{User: "approvera", Deputy: "reviewera", From: now, To: now.Add(72 * time.Hour), Reason: "出差"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.p.Delegate(ctx, e.f.Users["approvera"], process.Delegation{User: "approvera", Deputy: "clerka", From: now.Add(time.Hour), To: now.Add(2 * time.Hour), Reason: "休假"}); !errors.As(err, &inv) || inv.Field != "from" {
			t.Fatalf("overlapping delegation: %v", err)
		}

		id, st := e.start(e.publishDemo("serial"), nil)
		st = e.complete(id, st, "accept", "clerka", flow.OutcomeApprove)
		st = e.complete(id, st, "handle", "handlera", flow.OutcomeApprove)
		st = e.complete(id, st, "review", "reviewera", flow.OutcomeApprove)
		task := openAt(t, st, "approve")
		if task.Assignee != "reviewera" || task.ActingFor != "approvera" {
			t.Fatalf("the approval should go to the deputy acting for approvera: %+v", task)
		}
		for _, who := range []string{"reviewera", "approvera"} {
			q, err := e.p.OpenTasksFor(ctx, who)
			if err != nil || len(q) != 1 || q[0].TaskID != task.ID || q[0].ActingFor != "approvera" {
				t.Fatalf("queue of %s: %+v %v", who, q, err)
			}
		}
		st = e.complete(id, st, "approve", "reviewera", flow.OutcomeApprove)
		done, _ := st.Task(task.ID)
		if done.DoneBy != "reviewera" || done.DoneFor != "approvera" || st.EndKind != flow.ResultApproved {
			t.Fatalf("completion not recorded as acting for approvera: %+v", done)
		}

		// Ended early, the next case's approval goes to approvera again.
		e.clock.Add(time.Hour)
		if _, err := e.p.EndDelegation(ctx, e.f.Users["approvera"], del.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.p.EndDelegation(ctx, e.f.Users["approvera"], del.ID); !errors.Is(err, process.ErrDelegationOver) {
			t.Fatalf("ending twice: %v", err)
		}
		id2, st2 := e.start("demo-serial", nil)
		st2 = e.complete(id2, st2, "accept", "clerka", flow.OutcomeApprove)
		st2 = e.complete(id2, st2, "handle", "handlera2", flow.OutcomeApprove)
		st2 = e.complete(id2, st2, "review", "reviewera", flow.OutcomeApprove)
		if task := openAt(t, st2, "approve"); task.Assignee != "approvera" || task.ActingFor != "" {
			t.Fatalf("after the delegation ended: %+v", task)
		}
		want := []string{process.EventDelegationCreated, process.EventDelegationEnded}
		if got := types(e.events(process.DelegationStream("approvera"))); !slices.Equal(got, want) {
			t.Fatalf("delegation events %v", got)
		}
	})
}

// TestPerCaseChanges changes one case — skip, insert, reassign, jump, each with a reason —
// and leaves another case on the same definition untouched.
func TestPerCaseChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		key := e.publishDemo("serial")
		one, st := e.start(key, nil)
		other, otherSt := e.start(key, nil)
		otherEvents := len(e.events("case:" + other))
		st = e.complete(one, st, "accept", "clerka", flow.OutcomeApprove)

		run := func(cmd flow.Command, wantEvent string) {
			t.Helper()
			n := len(e.events("case:" + one))
			next, err := e.p.ChangeCase(ctx, e.f.Users["deptadmina"], one, cmd)
			if err != nil {
				t.Fatalf("%T: %v", cmd, err)
			}
			st = next
			evs := e.events("case:" + one)
			if !slices.Contains(types(evs[n:]), wantEvent) {
				t.Fatalf("%T appended %v, want %s", cmd, types(evs[n:]), wantEvent)
			}
		}
		if _, err := e.p.ChangeCase(ctx, e.f.Users["deptadmina"], one, flow.Skip{Meta: flow.Meta{RequestID: "x", Actor: "deptadmina"}, NodeID: "handle"}); !errors.Is(err, flow.ErrNeedReason) {
			t.Fatalf("a change without a reason: %v", err)
		}
		run(flow.Skip{Meta: flow.Meta{RequestID: "skip", Actor: "deptadmina"}, NodeID: "handle", Reason: "材料已在窗口审查"}, flow.EventTaskSkipped)
		openAt(t, st, "review")
		run(flow.Insert{Meta: flow.Meta{RequestID: "ins", Actor: "deptadmina"}, After: "review", Reason: "需现场勘查",
			Node: flow.Node{ID: "survey", Kind: flow.KindTask, Name: "现场勘查", LimitDays: 3,
				Assignee: &flow.Assignee{Kind: flow.AssignUser, User: "handlera"}}}, flow.EventStepInserted)
		run(flow.Reassign{Meta: flow.Meta{RequestID: "re", Actor: "deptadmina"}, TaskID: openAt(t, st, "review").ID, ToUser: "approvera", Reason: "审核人休假"}, flow.EventTaskReassigned)
		if q, _ := e.p.OpenTasksFor(ctx, "approvera"); len(q) != 1 || q[0].Node != "review" {
			t.Fatalf("reassigned task not in the new holder's queue: %+v", q)
		}
		if q, _ := e.p.OpenTasksFor(ctx, "reviewera"); len(q) != 0 {
			t.Fatalf("reassigned task still in the old holder's queue: %+v", q)
		}
		st = e.complete(one, st, "review", "approvera", flow.OutcomeApprove)
		if task := openAt(t, st, "survey"); task.Assignee != "handlera" {
			t.Fatalf("inserted step: %+v", task)
		}
		tasks, _ := e.p.Tasks(ctx, one)
		if last := tasks[len(tasks)-1]; last.Node != "survey" || last.NodeName != "现场勘查" || last.LimitDays != 3 {
			t.Fatalf("inserted step not indexed: %+v", last)
		}
		run(flow.Jump{Meta: flow.Meta{RequestID: "jump", Actor: "deptadmina"}, ToNode: "approve", Reason: "领导批示直接批准"}, flow.EventCaseJumped)
		openAt(t, st, "approve")

		// The other case on the same definition saw nothing.
		inst, err := e.p.Instance(ctx, other)
		if err != nil || inst.State.Version != otherSt.Version || len(inst.State.Inserted) != 0 {
			t.Fatalf("the other case changed: %+v %v", inst.State, err)
		}
		if n := len(e.events("case:" + other)); n != otherEvents {
			t.Fatalf("the other case got events: %d → %d", otherEvents, n)
		}
		openAt(t, inst.State, "accept")
	})
}

// TestTaskIndexAndClocks follows the index and the step clocks through a case.
func TestTaskIndexAndClocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		id, st := e.start(e.publishDemo("serial"), nil)
		accept := openAt(t, st, "accept")
		queue := func(who string) []string {
			t.Helper()
			q, err := e.p.OpenTasksFor(ctx, who)
			if err != nil {
				t.Fatal(err)
			}
			var nodes []string
			for _, task := range q {
				nodes = append(nodes, task.Node)
			}
			return nodes
		}
		clockRunning := func(taskID string) bool {
			t.Helper()
			clk, running, err := e.book.Clock(ctx, db, "case:"+id, process.StepPurpose(taskID))
			if err != nil {
				t.Fatal(err)
			}
			if clk.Calendar != "cn" || !clk.Start.Equal(e.clock.Now()) && running {
				t.Fatalf("clock %+v", clk)
			}
			return running
		}
		if got := queue("clerka"); !slices.Equal(got, []string{"accept"}) {
			t.Fatalf("clerk's queue %v", got)
		}
		dept, err := e.p.OpenTasksOfDepartment(ctx, e.f.MarketA.ID)
		if err != nil || len(dept) != 1 || dept[0].NodeName != "受理" || dept[0].LimitDays != 5 {
			t.Fatalf("department queue %+v %v", dept, err)
		}
		if other, _ := e.p.OpenTasksOfDepartment(ctx, e.f.MarketB.ID); len(other) != 0 {
			t.Fatalf("another department's queue: %+v", other)
		}
		if !clockRunning(accept.ID) {
			t.Fatal("the acceptance step clock is not running")
		}

		e.clock.Add(2 * time.Hour)
		st = e.complete(id, st, "accept", "clerka", flow.OutcomeApprove)
		handle := openAt(t, st, "handle")
		if clockRunning(accept.ID) || !clockRunning(handle.ID) {
			t.Fatal("clocks did not follow the step")
		}
		if got := queue("clerka"); len(got) != 0 {
			t.Fatalf("clerk's queue after acceptance %v", got)
		}
		for _, who := range []string{"handlera", "handlera2"} {
			if got := queue(who); !slices.Equal(got, []string{"handle"}) {
				t.Fatalf("%s's queue %v", who, got)
			}
		}
		// Claiming takes the task out of the other candidate's queue.
		st, err = e.p.Run(ctx, id, flow.Claim{Meta: flow.Meta{RequestID: "claim", Actor: "handlera2"}, TaskID: handle.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := queue("handlera"); len(got) != 0 {
			t.Fatalf("claimed task still offered to handlera: %v", got)
		}
		// A failed review loops back to handling: a new task with a clock of its own.
		st = e.complete(id, st, "handle", "handlera2", flow.OutcomeApprove)
		st = e.complete(id, st, "review", "reviewera", flow.OutcomeReject)
		again := openAt(t, st, "handle")
		if again.ID == handle.ID || !clockRunning(again.ID) || clockRunning(handle.ID) {
			t.Fatalf("the second round of handling: %+v", again)
		}
		// Terminating the case closes everything.
		st, err = e.p.Run(ctx, id, flow.Terminate{Meta: flow.Meta{RequestID: "end", Actor: "deptadmina"}, Result: flow.ResultWithdrawn, Reason: "申请人撤回"})
		if err != nil || !st.Ended() {
			t.Fatalf("terminate: %v", err)
		}
		if clockRunning(again.ID) {
			t.Fatal("a clock runs after the case ended")
		}
		tasks, _ := e.p.Tasks(ctx, id)
		for _, task := range tasks {
			if task.Status == flow.TaskOpen {
				t.Fatalf("task %s still open in the index", task.TaskID)
			}
		}
		if len(tasks) != len(st.Tasks) {
			t.Fatalf("index has %d tasks, state %d", len(tasks), len(st.Tasks))
		}
		if got := queue("handlera"); len(got) != 0 {
			t.Fatalf("queue after the end %v", got)
		}
	})
}

// TestCountersignQueue runs the demo countersign (three assisting departments, two thirds
// needed): each department sees its party task, and the decision cancels the third.
func TestCountersignQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		key := e.publishDemo("countersign")
		var st flow.State
		err := db.Tx(ctx, func(tx *store.Tx) error {
			var err error
			st, err = e.p.Start(ctx, tx, "cs", "case:cs", key, 0, flow.Start{Meta: flow.Meta{RequestID: "s", Actor: "clerka"},
				Departments: flow.Departments{Item: e.f.MarketA.Code, Assisting: []string{e.f.MarketB.Code, e.f.MarketA.Code, e.f.MarketB.Code}}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		st = e.complete("cs", st, "handle", "handlera", flow.OutcomeApprove)
		if q, _ := e.p.OpenTasksOfDepartment(ctx, e.f.MarketB.ID); len(q) != 2 {
			t.Fatalf("MarketB should see two party tasks: %+v", q)
		}
		parties := st.OpenTasks()
		for _, task := range parties[:2] {
			actor := task.Assignee
			if actor == "" {
				actor = task.Candidates[0]
			}
			if st, err = e.p.Run(ctx, "cs", flow.Complete{Meta: flow.Meta{RequestID: "p" + task.ID, Actor: actor}, TaskID: task.ID, Outcome: flow.OutcomeApprove}); err != nil {
				t.Fatal(err)
			}
		}
		openAt(t, st, "approve")
		third, _ := st.Task(parties[2].ID)
		if third.Status != flow.TaskCancelled {
			t.Fatalf("third party: %s", third.Status)
		}
		if q, _ := e.p.OpenTasksOfDepartment(ctx, e.f.MarketB.ID); len(q) != 0 {
			t.Fatalf("a cancelled party is still queued: %+v", q)
		}
	})
}

// TestDemoProcessesRun approves every step of every demo process through the database
// directory, as the demo's cases will.
func TestDemoProcessesRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		if err := process.LoadDemo(ctx, e.p, "demo"); err != nil {
			t.Fatal(err)
		}
		a, b := e.f.MarketA.Code, e.f.MarketB.Code
		for _, key := range []string{"demo-serial", "demo-joint", "demo-countersign", "demo-loop"} {
			id := "demo-" + key
			var st flow.State
			err := db.Tx(ctx, func(tx *store.Tx) error {
				var err error
				st, err = e.p.Start(ctx, tx, id, "case:"+id, key, 0, flow.Start{
					Meta: flow.Meta{RequestID: "s", Actor: "clerka"}, Form: map[string]any{"amount": 2000000},
					Departments: flow.Departments{Item: a, Lead: a, Assisting: []string{b, a, b}},
				})
				return err
			})
			if err != nil {
				t.Fatalf("%s: start: %v", key, err)
			}
			for i := 0; st.Status == flow.StatusRunning && i < 20; i++ {
				task := st.OpenTasks()[0]
				actor := task.Assignee
				if actor == "" {
					actor = task.Candidates[0]
				}
				if st, err = e.p.Run(ctx, id, flow.Complete{Meta: flow.Meta{RequestID: fmt.Sprint("r", i), Actor: actor},
					TaskID: task.ID, Outcome: flow.OutcomeApprove}); err != nil {
					t.Fatalf("%s: completing %s as %s: %v", key, task.Node, actor, err)
				}
			}
			if st.EndKind != flow.ResultApproved {
				t.Errorf("%s ended %q %q", key, st.Status, st.EndKind)
			}
		}
	})
}

// TestSequentialPartyBackInQueue: in a sequential countersign, the first party takes back
// the approval that opened the second party's task; the second party's task leaves the
// queues and its clock pauses until its turn comes again.
func TestSequentialPartyBackInQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		user := func(u string) flow.Assignee { return flow.Assignee{Kind: flow.AssignUser, User: u} }
		key := e.publish(&flow.Definition{Key: "seq", Name: "依次会签", Nodes: []flow.Node{
			{ID: "start", Kind: flow.KindStart},
			{ID: "sign", Kind: flow.KindCountersign, Name: "会签", Mode: flow.ModeSequential, LimitDays: 2,
				Parties: []flow.Assignee{user("handlera"), user("reviewera")}, Completion: &flow.Completion{Rule: flow.RuleAll}},
			{ID: "done", Kind: flow.KindEnd, Result: flow.ResultApproved},
			{ID: "refused", Kind: flow.KindEnd, Result: flow.ResultRefused},
		}, Edges: []flow.Edge{{From: "start", To: "sign"}, {From: "sign", To: "done", On: flow.OutcomeApprove}, {From: "sign", To: "refused", On: flow.OutcomeReject}}})
		id, st := e.start(key, nil)
		first := openAt(t, st, "sign")
		second := st.Tasks[len(st.Tasks)-1]
		if second.Status != flow.TaskQueued {
			t.Fatalf("second party: %+v", second)
		}
		st = e.complete(id, st, "sign", "handlera", flow.OutcomeApprove)
		if q, _ := e.p.OpenTasksFor(ctx, "reviewera"); len(q) != 1 || q[0].TaskID != second.ID {
			t.Fatalf("the second party's turn: %+v", q)
		}
		e.clock.Add(time.Hour)
		st, err := e.p.Run(ctx, id, flow.TakeBack{Meta: flow.Meta{RequestID: "tb", Actor: "handlera"}, TaskID: first.ID})
		if err != nil {
			t.Fatal(err)
		}
		if q, _ := e.p.OpenTasksFor(ctx, "reviewera"); len(q) != 0 {
			t.Fatalf("a party back in the queue is still offered: %+v", q)
		}
		clk, running, err := e.book.Clock(ctx, db, "case:"+id, process.StepPurpose(second.ID))
		if err != nil || !running || len(clk.Pauses) != 1 || !clk.Pauses[0].To.IsZero() {
			t.Fatalf("the second party's clock should be paused: %+v %v %v", clk, running, err)
		}
		e.clock.Add(time.Hour)
		st = e.complete(id, st, "sign", "handlera", flow.OutcomeApprove)
		clk, running, _ = e.book.Clock(ctx, db, "case:"+id, process.StepPurpose(second.ID))
		if !running || len(clk.Pauses) != 1 || !clk.Pauses[0].To.Equal(e.clock.Now()) {
			t.Fatalf("the second party's clock should run again: %+v", clk)
		}
		st = e.complete(id, st, "sign", "reviewera", flow.OutcomeApprove)
		if _, running, _ = e.book.Clock(ctx, db, "case:"+id, process.StepPurpose(second.ID)); running || st.EndKind != flow.ResultApproved {
			t.Fatalf("after the countersign: running %v, %s", running, st.EndKind)
		}
	})
}
