package tasks_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/demo/demotest"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/tasks"
)

// env is the demo with its two cases, and three more users: a clerk and an approver of
// another department of the same district, and a supervisor of the sibling district.
type env struct {
	t     *testing.T
	db    *store.DB
	tasks *tasks.Tasks
	procs *process.Processes
	org   *org.Org
	demo  demotest.Demo
	users map[string]org.User
	cases []casework.Number // the demo cases: citizen1's, citizen2's
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	ctx := context.Background()
	d := demotest.Load(t, db)
	o, cw, procs := d.Org, d.Casework, d.Processes
	other, err := o.DepartmentByCode(ctx, "320102-ZRZY")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []org.User{
		{Username: "clerk2", Role: org.RoleClerk, DisplayName: "孙丽", DepartmentID: other.ID},
		{Username: "approver2", Role: org.RoleApprover, DisplayName: "钱进", DepartmentID: other.ID},
		{Username: "supervisor3", Role: org.RoleSupervisor, DisplayName: "吴刚", RegionCode: "320104"},
	} {
		if _, err := o.CreateUser(ctx, "test", u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	all, err := o.Users(ctx, org.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, procs: procs, org: o, demo: d, users: map[string]org.User{},
		tasks: tasks.New(tasks.Config{DB: db, Org: o, Casework: cw, Processes: procs, Clocks: d.Clock})}
	for _, u := range all {
		e.users[u.Username] = u
	}
	for _, who := range []string{"citizen1", "citizen2"} {
		mine, err := cw.Mine(ctx, e.users[who].ID, keyset.First())
		if err != nil || len(mine.Items) != 1 {
			t.Fatalf("cases of %s: %v %v", who, mine.Items, err)
		}
		e.cases = append(e.cases, mine.Items[0].Number)
	}
	return e
}

// events counts the events in the log: a refused action adds none.
func (e *env) events() int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// openTask is the open task of case n at node, as the queues list it.
func (e *env) openTask(n casework.Number, node string) process.TaskEntry {
	e.t.Helper()
	ts, err := e.procs.Tasks(context.Background(), string(n))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, task := range ts {
		if task.Node == node && task.Status == flow.TaskOpen {
			return task
		}
	}
	e.t.Fatalf("case %s has no open task at %s: %+v", n, node, ts)
	return process.TaskEntry{}
}

func (e *env) act(who string, a tasks.Action) error {
	e.t.Helper()
	_, err := e.tasks.Act(context.Background(), e.users[who], a)
	return err
}

// completeAt completes the open task at node of case n as who, with an opinion.
func (e *env) completeAt(n casework.Number, node, who, outcome, opinion string) {
	e.t.Helper()
	task := e.openTask(n, node)
	if err := e.act(who, tasks.Action{Kind: tasks.Complete, Case: n, TaskID: task.TaskID, RequestID: node + "-" + who,
		Outcome: outcome, Opinion: opinion}); err != nil {
		e.t.Fatalf("%s completing %s: %v", who, node, err)
	}
}

// handled moves citizen1's case to handling: its acceptance step, where the demo
// process still has one, is completed by the clerk.
func (e *env) handled() casework.Number {
	e.t.Helper()
	n := e.cases[0]
	ts, _ := e.procs.Tasks(context.Background(), string(n))
	for _, task := range ts {
		if task.Node == "accept" && task.Status == flow.TaskOpen {
			e.completeAt(n, "accept", "clerk1", flow.OutcomeApprove, "材料齐全，予以受理。")
		}
	}
	return n
}

// TestWorkToApproval: handler1, reviewer1 and approver1 find the case in their to-do,
// each completes it with an opinion under their name, and the case ends approved; a
// form sent twice acts once; the done lists have it.
func TestWorkToApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		n := e.handled()
		for _, step := range []struct{ who, node, opinion string }{
			{"handler1", "handle", "经审查，申请材料齐全，符合法定条件，拟同意。"},
			{"reviewer1", "review", "同意承办意见。"},
			{"approver1", "approve", "同意。"},
		} {
			page, err := e.tasks.List(ctx, e.users[step.who], tasks.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			var row *tasks.Row
			for i := range page.Rows {
				if page.Rows[i].InstanceID == string(n) {
					row = &page.Rows[i]
				}
			}
			if row == nil || row.Node != step.node || row.Applicant != "张伟" || row.Case.ItemName == "" || row.Clock == nil || row.Clock.Due.IsZero() {
				t.Fatalf("%s's to-do: %+v", step.who, page)
			}
			a := tasks.Action{Kind: tasks.Complete, Case: n, TaskID: row.TaskID, RequestID: "r-" + step.who, Outcome: flow.OutcomeApprove, Opinion: step.opinion}
			if err := e.act(step.who, a); err != nil {
				t.Fatalf("%s: %v", step.who, err)
			}
			before := e.events()
			if err := e.act(step.who, a); err != nil || e.events() != before {
				t.Fatalf("%s sending the form twice: %v, %d events more", step.who, err, e.events()-before)
			}
			done, err := e.tasks.List(ctx, e.users[step.who], tasks.Filter{View: tasks.Done})
			if err != nil || done.Total < 1 || done.Rows[0].InstanceID != string(n) || done.Rows[0].DoneByName == step.who || done.Rows[0].DoneByName == "" {
				t.Fatalf("%s's done list: %+v %v", step.who, done, err)
			}
		}
		v, err := e.tasks.Case(ctx, e.users["approver1"], n)
		if err != nil || v.Instance == nil || v.Instance.State.EndKind != flow.ResultApproved {
			t.Fatalf("the case after approval: %+v %v", v.Instance, err)
		}
		if len(v.Opinions) < 3 || v.Names["handler1"] != "刘洋" {
			t.Fatalf("opinions %+v, names %v", v.Opinions, v.Names)
		}
		if _, err := e.tasks.List(ctx, e.users["handler1"], tasks.Filter{After: "not-a-cursor"}); !errors.Is(err, refuse.ErrInvalid) {
			t.Fatalf("a cursor the list did not give out: %v", err)
		}
	})
}

// TestDenialsWriteNothing: a handler on a task not theirs, a clerk of another
// department on the case, an approver of another department, an applicant, a
// supervisor writing anything, a county supervisor reading the sibling county's case:
// each refused, and nothing written.
func TestDenialsWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		n := e.handled()
		handle := e.openTask(n, "handle")
		review := e.openTask(e.cases[1], "review")
		before := e.events()
		for _, c := range []struct {
			who  string
			a    tasks.Action
			want error
		}{
			{"handler1", tasks.Action{Kind: tasks.Complete, Case: e.cases[1], TaskID: review.TaskID, Outcome: "approve", Opinion: "越权"}, refuse.ErrNotFound},
			{"reviewer1", tasks.Action{Kind: tasks.Claim, Case: n, TaskID: handle.TaskID}, refuse.ErrNotFound},
			{"clerk2", tasks.Action{Kind: tasks.Complete, Case: n, TaskID: handle.TaskID, Outcome: "approve", Opinion: "越权"}, refuse.ErrNotFound},
			{"approver2", tasks.Action{Kind: tasks.Complete, Case: e.cases[1], TaskID: review.TaskID, Outcome: "approve", Opinion: "越权"}, refuse.ErrNotFound},
			{"citizen1", tasks.Action{Kind: tasks.Complete, Case: n, TaskID: handle.TaskID, Outcome: "approve", Opinion: "越权"}, refuse.ErrNotFound},
			{"supervisor1", tasks.Action{Kind: tasks.Complete, Case: n, TaskID: handle.TaskID, Outcome: "approve", Opinion: "越权"}, refuse.ErrForbidden},
			{"supervisor2", tasks.Action{Kind: tasks.Claim, Case: n, TaskID: handle.TaskID}, refuse.ErrForbidden},
			{"handler1", tasks.Action{Kind: tasks.Transfer, Case: n, TaskID: handle.TaskID, ToUser: "clerk2"}, refuse.ErrInvalid},
			{"handler1", tasks.Action{Kind: tasks.Transfer, Case: n, TaskID: handle.TaskID, ToUser: "citizen1"}, refuse.ErrInvalid},
			{"handler1", tasks.Action{Kind: tasks.Complete, Case: n, TaskID: handle.TaskID, Outcome: "approve"}, refuse.ErrInvalid},
			{"handler1", tasks.Action{Kind: tasks.Return, Case: n, TaskID: handle.TaskID}, refuse.ErrInvalid},
		} {
			c.a.RequestID = "deny-" + c.who
			if err := e.act(c.who, c.a); !errors.Is(err, c.want) {
				t.Errorf("%s %s: %v, want %v", c.who, c.a.Kind, err, c.want)
			}
		}
		for who, ok := range map[string]bool{"clerk2": false, "approver2": false, "citizen1": false, "supervisor3": false,
			"supervisor1": true, "supervisor2": true, "clerk1": true} {
			v, err := e.tasks.Case(ctx, e.users[who], n)
			if ok != (err == nil) || !ok && !errors.Is(err, refuse.ErrNotFound) {
				t.Errorf("%s reading the case: %v", who, err)
			}
			if ok && who != "clerk1" && (!v.ReadOnly || len(v.Mine)+len(v.TakeBack)+len(v.Consent) > 0) {
				t.Errorf("%s is offered actions: %+v %+v", who, v.Mine, v.TakeBack)
			}
		}
		for _, who := range []string{"citizen1", "supervisor1"} {
			if _, err := e.tasks.List(ctx, e.users[who], tasks.Filter{}); !errors.Is(err, refuse.ErrNotFound) {
				t.Errorf("%s has a to-do: %v", who, err)
			}
		}
		if _, err := e.tasks.List(ctx, e.users["handler1"], tasks.Filter{View: tasks.Department}); !errors.Is(err, refuse.ErrNotFound) {
			t.Errorf("a handler sees the department's cases: %v", err)
		}
		if _, err := e.tasks.Correct(ctx, e.users["supervisor1"], tasks.Correction{Case: n, TaskID: handle.TaskID, Opinion: "x", Reason: "y", RequestID: "s"}); !errors.Is(err, refuse.ErrForbidden) {
			t.Errorf("a supervisor corrects an opinion: %v", err)
		}
		if after := e.events(); after != before {
			t.Fatalf("refused actions wrote %d events", after-before)
		}
	})
}

// TestOpinionCorrection: a signed opinion is locked; its author asks to correct it,
// which needs an approver of the department's consent; the correction supersedes the
// opinion and both are kept. Nobody else corrects or consents.
func TestOpinionCorrection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		n := e.handled()
		handle := e.openTask(n, "handle")
		e.completeAt(n, "handle", "handler1", flow.OutcomeApprove, "拟同意。")
		correction := tasks.Correction{Case: n, TaskID: handle.TaskID, Opinion: "经现场核查，拟同意。", Reason: "漏写核查情况", RequestID: "c1"}
		before := e.events()
		for _, who := range []string{"reviewer1", "approver1", "clerk2"} {
			if _, err := e.tasks.Correct(ctx, e.users[who], correction); !errors.Is(err, refuse.ErrNotFound) {
				t.Errorf("%s corrected handler1's opinion: %v", who, err)
			}
		}
		if e.events() != before {
			t.Fatal("refused corrections wrote events")
		}
		id, err := e.tasks.Correct(ctx, e.users["handler1"], correction)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := e.tasks.Correct(ctx, e.users["handler1"], correction); err != nil || again != id {
			t.Fatalf("the same correction sent twice: %d %v", again, err)
		}
		correction.RequestID = "c2"
		if _, err := e.tasks.Correct(ctx, e.users["handler1"], correction); !errors.Is(err, refuse.ErrConflict) {
			t.Fatalf("a second correction while one is pending: %v", err)
		}
		before = e.events()
		for _, who := range []string{"handler1", "approver2", "reviewer1", "supervisor1"} {
			if err := e.tasks.Decide(ctx, e.users[who], n, id, true); err == nil {
				t.Errorf("%s consented", who)
			}
		}
		if e.events() != before {
			t.Fatal("refused consents wrote events")
		}
		if err := e.tasks.Decide(ctx, e.users["approver1"], n, id, true); err != nil {
			t.Fatal(err)
		}
		v, err := e.tasks.Case(ctx, e.users["reviewer1"], n)
		if err != nil {
			t.Fatal(err)
		}
		var signed, effective *tasks.Opinion
		for i, o := range v.Opinions {
			if o.TaskID != handle.TaskID {
				continue
			}
			switch o.Status {
			case tasks.OpinionSuperseded:
				signed = &v.Opinions[i]
			case tasks.CorrectionEffective:
				effective = &v.Opinions[i]
			}
		}
		if signed == nil || signed.Text != "拟同意。" || effective == nil || effective.Text != correction.Opinion || effective.DecidedBy != "approver1" {
			t.Fatalf("opinions after the consented correction: %+v", v.Opinions)
		}
		inst, err := e.procs.Instance(ctx, string(n))
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range inst.State.Tasks {
			if task.ID == handle.TaskID && task.Opinion != "拟同意。" {
				t.Fatalf("the signed opinion changed: %q", task.Opinion)
			}
		}
	})
}

// TestSamePersonRefused: a handler who also reviews (a second role in the department)
// gets the department's reviews as well as its handling; where the process keeps the
// review apart from the handling (distinct_from), they cannot review a case they
// handled — every action refused, nothing written — but review a colleague's, and the
// department's reviewer reviews theirs.
func TestSamePersonRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		dept, err := e.org.DepartmentByCode(ctx, "320102-SCJG")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.org.CreateUser(ctx, "test", org.User{Username: "handler2", Role: org.RoleHandler, DisplayName: "何平", DepartmentID: dept.ID}, "x"); err != nil {
			t.Fatal(err)
		}
		h1, err := e.org.SetExtraRoles(ctx, "deptadmin1", e.users["handler1"], []org.Role{org.RoleReviewer})
		if err != nil || !h1.Holds(org.RoleReviewer) || !h1.Holds(org.RoleHandler) {
			t.Fatalf("handler1 with a second role: %+v %v", h1, err)
		}
		e.users["handler1"] = h1
		e.users["handler2"] = org.User{Username: "handler2", Role: org.RoleHandler, DepartmentID: dept.ID}
		// A fresh directory, which knows the new holders at once (the demo's has the
		// roles' holders cached for a few seconds).
		e.procs = process.New(process.Config{DB: db, Org: e.org, Clocks: e.demo.Clock, Now: time.Now})
		e.tasks = tasks.New(tasks.Config{DB: db, Org: e.org, Casework: e.demo.Casework, Processes: e.procs, Clocks: e.demo.Clock})
		role := func(r string) *flow.Assignee {
			return &flow.Assignee{Kind: flow.AssignRole, Role: r, Department: flow.DeptItem}
		}
		def := &flow.Definition{Key: "cross-check", Name: "互审", Version: 1,
			Nodes: []flow.Node{{ID: "start", Kind: flow.KindStart},
				{ID: "handle", Kind: flow.KindTask, Name: "承办", Assignee: role("handler")},
				{ID: "review", Kind: flow.KindTask, Name: "审核", DistinctFrom: []string{"handle"}, Assignee: role("reviewer")},
				{ID: "done", Kind: flow.KindEnd, Result: flow.ResultApproved}},
			Edges: []flow.Edge{{From: "start", To: "handle"}, {From: "handle", To: "review"}, {From: "review", To: "done"}}}
		rec, err := e.procs.SaveDraft(ctx, "deptadmin1", process.Scope{DepartmentID: dept.ID}, def)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.procs.Publish(ctx, "deptadmin1", rec.Key, rec.Version); err != nil {
			t.Fatal(err)
		}
		start := func(n casework.Number) {
			err := db.Tx(ctx, func(tx *store.Tx) error {
				_, err := e.procs.Start(ctx, tx, string(n), casework.Stream(n), rec.Key, 0, flow.Start{
					Meta: flow.Meta{RequestID: "start-" + string(n), Actor: "clerk1"}, Departments: flow.Departments{Item: dept.Code}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		mine, theirs := casework.Number("320102-20261130-99998"), casework.Number("320102-20261130-99999")
		start(mine)
		start(theirs)
		e.completeAt(mine, "handle", "handler1", "approve", "拟同意")
		e.completeAt(theirs, "handle", "handler2", "approve", "拟同意")

		// handler1's to-do has both reviews: the role is the step's.
		page, err := e.tasks.List(ctx, h1, tasks.Filter{Step: "审核"})
		if err != nil || page.Total != 2 {
			t.Fatalf("handler1's reviews: %+v %v", page, err)
		}
		review := e.openTask(mine, "review")
		before := e.events()
		for _, kind := range []tasks.Kind{tasks.Claim, tasks.Complete, tasks.Return} {
			err := e.act("handler1", tasks.Action{Kind: kind, Case: mine, TaskID: review.TaskID, RequestID: "c-" + string(kind),
				Outcome: "approve", Opinion: "同意", Reason: "退回"})
			if !errors.Is(err, tasks.ErrSamePerson) {
				t.Fatalf("handler1 %s on the review of their own case: %v", kind, err)
			}
		}
		if e.events() != before {
			t.Fatal("the refused actions wrote events")
		}
		e.completeAt(theirs, "review", "handler1", "approve", "同意")
		e.completeAt(mine, "review", "reviewer1", "approve", "同意")
	})
}
