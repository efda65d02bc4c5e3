package process_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestCaseChangesAskAuth: process refuses, by itself, a change to a case from anyone
// but the administrator of the case's department — not found, so the case's existence
// is not revealed — and writes nothing; a task's own action is not a case change; a
// command must name the user as its actor.
func TestCaseChangesAskAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		id, st := e.start(e.publishDemo("serial"), nil)
		deptAdminB, err := e.f.Org.CreateUser(ctx, "test", org.User{Username: "deptadminb", Role: org.RoleDeptAdmin, DisplayName: "管理乙", DepartmentID: e.f.MarketB.ID}, "x")
		if err != nil {
			t.Fatal(err)
		}
		disabled := e.f.Users["deptadmina"]
		disabled.Disabled = true
		changes := func(actor string) []flow.Command {
			meta := flow.Meta{RequestID: "change", Actor: actor}
			return []flow.Command{
				flow.Skip{Meta: meta, NodeID: "accept", Reason: "理由"},
				flow.Jump{Meta: meta, ToNode: "approve", Reason: "理由"},
				flow.Insert{Meta: meta, After: "accept", Reason: "理由", Node: flow.Node{ID: "x", Kind: flow.KindTask, Name: "加",
					Assignee: &flow.Assignee{Kind: flow.AssignUser, User: "handlera"}}},
				flow.Reassign{Meta: meta, TaskID: openAt(t, st, "accept").ID, ToUser: "handlera", Reason: "理由"},
				flow.Suspend{Meta: meta, Reason: "理由"},
				flow.Resume{Meta: meta, Reason: "理由"},
				flow.Terminate{Meta: meta, Result: flow.ResultWithdrawn, Reason: "理由"},
			}
		}
		before := len(e.events("case:" + id))
		for _, u := range []org.User{e.f.Users["handlera"], e.f.Users["clerka"], e.f.Users["admin"], e.f.Users["supera"],
			e.f.Users["citizen1"], deptAdminB, disabled} {
			for _, cmd := range changes(u.Username) {
				if _, err := e.p.ChangeCase(ctx, u, id, cmd); !errors.Is(err, process.ErrNotFound) {
					t.Errorf("%s, %T: %v", u.Username, cmd, err)
				}
			}
		}
		complete := flow.Complete{Meta: flow.Meta{RequestID: "complete", Actor: "deptadmina"}, TaskID: openAt(t, st, "accept").ID, Outcome: flow.OutcomeApprove}
		if _, err := e.p.ChangeCase(ctx, e.f.Users["deptadmina"], id, complete); !errors.Is(err, process.ErrNotACaseChange) {
			t.Errorf("a task's completion as a case change: %v", err)
		}
		if n := len(e.events("case:" + id)); n != before {
			t.Fatalf("refused changes wrote %d events", n-before)
		}
		inst, err := e.p.Instance(ctx, id)
		if err != nil || inst.State.Version != st.Version {
			t.Fatalf("refused changes changed the case: %+v %v", inst.State, err)
		}

		// The department's administrator may, as the actor the command names.
		spoofed := flow.Suspend{Meta: flow.Meta{RequestID: "suspend", Actor: "handlera"}, Reason: "等待补充材料"}
		if _, err := e.p.ChangeCase(ctx, e.f.Users["deptadmina"], id, spoofed); !errors.Is(err, process.ErrNotTheActor) {
			t.Fatalf("a command naming another actor: %v", err)
		}
		spoofed.Actor = "deptadmina"
		if _, err := e.p.ChangeCase(ctx, e.f.Users["deptadmina"], id, spoofed); err != nil {
			t.Fatal(err)
		}
		evs := e.events("case:" + id)
		if last := evs[len(evs)-1]; last.Type != flow.EventCaseSuspended || last.Actor != "deptadmina" {
			t.Fatalf("the change recorded as %s by %s", last.Type, last.Actor)
		}
	})
}

// TestDelegationsAskAuth: only department staff delegate, always their own tasks; a
// delegation is ended by the user who gave it — its deputy is forbidden, anyone else
// does not find it — and a refusal writes nothing.
func TestDelegationsAskAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		now := e.clock.Now()
		d := process.Delegation{Deputy: "handlera", From: now, To: now.Add(time.Hour), Reason: "出差"}
		for _, u := range []org.User{e.f.Users["supera"], e.f.Users["citizen1"], e.f.Users["admin"]} {
			if _, err := e.p.Delegate(ctx, u, d); !errors.Is(err, process.ErrMayNotDelegate) {
				t.Errorf("%s delegated: %v", u.Username, err)
			}
		}
		// Naming another user as the one delegating changes nothing: it is the asker's.
		del, err := e.p.Delegate(ctx, e.f.Users["approvera"], process.Delegation{User: "reviewera", Deputy: "handlera", From: now, To: now.Add(time.Hour), Reason: "出差"})
		if err != nil || del.User != "approvera" {
			t.Fatalf("delegation for someone else: %+v %v", del, err)
		}
		if dels, _ := e.p.DelegationsOf(ctx, "reviewera"); len(dels) != 0 {
			t.Fatalf("reviewera got a delegation they did not give: %+v", dels)
		}
		before := len(e.events(process.DelegationStream("approvera")))
		if _, err := e.p.EndDelegation(ctx, e.f.Users["handlera"], del.ID); !errors.Is(err, process.ErrMayNotEnd) {
			t.Errorf("the deputy ended it: %v", err)
		}
		for _, u := range []org.User{e.f.Users["reviewera"], e.f.Users["deptadmina"], e.f.Users["admin"]} {
			if _, err := e.p.EndDelegation(ctx, u, del.ID); !errors.Is(err, process.ErrNotFound) {
				t.Errorf("%s ended it: %v", u.Username, err)
			}
		}
		if n := len(e.events(process.DelegationStream("approvera"))); n != before {
			t.Fatalf("refused ends wrote %d events", n-before)
		}
		if got, _ := e.p.Delegation(ctx, del.ID); !got.To.Equal(del.To) || got.EndedBy != "" {
			t.Fatalf("a refused end changed it: %+v", got)
		}
	})
}
