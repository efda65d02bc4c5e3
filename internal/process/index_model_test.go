package process_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestTaskIndexFollowsState drives the demo processes with random actions — complete
// with any outcome, claim, transfer, take back, suspend and resume, skip, reassign — and
// after every one checks what the work queues and step clocks say against the stored
// State: every open task is in the queue of each user who may act on it and of its
// departments, no queue holds a task that is not open or not theirs, and a step clock
// runs exactly for the open tasks with a time limit of a case that is not suspended.
func TestTaskIndexFollowsState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		if err := process.LoadDemo(ctx, e.p, "demo"); err != nil {
			t.Fatal(err)
		}
		users := []string{"clerka", "handlera", "handlera2", "reviewera", "approvera", "handlerb", "deptadmina"}
		a, b := e.f.MarketA.Code, e.f.MarketB.Code
		rng := rand.New(rand.NewPCG(4, 2026))
		runs, kinds := 0, map[string]int{}
		for round := range 40 {
			key := []string{"demo-serial", "demo-joint", "demo-countersign", "demo-loop"}[round%4]
			id := fmt.Sprintf("model-%d", round)
			var st flow.State
			err := db.Tx(ctx, func(tx *store.Tx) error {
				var err error
				st, err = e.p.Start(ctx, tx, id, "case:"+id, key, 0, flow.Start{
					Meta: flow.Meta{RequestID: "s", Actor: "clerka"}, Form: map[string]any{"amount": rng.IntN(3000000)},
					Departments: flow.Departments{Item: a, Lead: a, Assisting: []string{b, a}},
				})
				return err
			})
			if err != nil {
				t.Fatalf("%s: start: %v", key, err)
			}
			for step := 0; st.Status != flow.StatusEnded && step < 40; step++ {
				cmd := randomCommand(rng, st, users, fmt.Sprint(id, "-", step))
				next, err := e.p.Run(ctx, id, cmd)
				if err == nil {
					st = next
					runs++
					kinds[fmt.Sprintf("%T", cmd)]++
				}
				checkIndex(t, e, id, st, users, a, b)
			}
		}
		// Every kind of action must have taken effect somewhere, or the model tests little.
		for _, k := range []string{"flow.Complete", "flow.Claim", "flow.Transfer", "flow.Return", "flow.TakeBack",
			"flow.Suspend", "flow.Resume", "flow.Skip", "flow.Reassign"} {
			if kinds[k] == 0 {
				t.Errorf("no %s took effect in %d actions: %v", k, runs, kinds)
			}
		}
	})
}

// randomCommand picks an action an actor might try on the case; many are refused, which
// must change nothing.
func randomCommand(rng *rand.Rand, st flow.State, users []string, rid string) flow.Command {
	open := st.OpenTasks()
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	holderOf := func(t flow.Task) string {
		switch {
		case t.ClaimedBy != "":
			return t.ClaimedBy
		case t.Assignee != "":
			return t.Assignee
		case len(t.Candidates) > 0:
			return pick(t.Candidates)
		}
		return pick(users)
	}
	admin := flow.Meta{RequestID: rid, Actor: "deptadmina"}
	if st.Status == flow.StatusSuspended || len(open) == 0 {
		return flow.Resume{Meta: admin, Reason: "恢复"}
	}
	task := open[rng.IntN(len(open))]
	me := flow.Meta{RequestID: rid, Actor: holderOf(task)}
	switch n := rng.IntN(20); {
	case n < 9:
		return flow.Complete{Meta: me, TaskID: task.ID, Outcome: pick([]string{flow.OutcomeApprove, flow.OutcomeApprove, flow.OutcomeReject})}
	case n < 11:
		return flow.Claim{Meta: me, TaskID: task.ID}
	case n < 12:
		return flow.Transfer{Meta: me, TaskID: task.ID, ToUser: pick(users), Reason: "转办"}
	case n < 13:
		back := ""
		if done := doneTasks(st); len(done) > 0 {
			back = done[rng.IntN(len(done))].Node
		}
		return flow.Return{Meta: me, TaskID: task.ID, ToNode: back, Reason: "退回"}
	case n < 15:
		if done := doneTasks(st); len(done) > 0 {
			t := done[rng.IntN(len(done))]
			return flow.TakeBack{Meta: flow.Meta{RequestID: rid, Actor: t.DoneBy}, TaskID: t.ID}
		}
	case n < 16:
		return flow.Suspend{Meta: admin, Reason: "中止"}
	case n < 17:
		return flow.Skip{Meta: admin, NodeID: task.Node, Reason: "跳过"}
	case n < 18:
		return flow.Reassign{Meta: admin, TaskID: task.ID, ToUser: pick(users), Reason: "改派"}
	}
	return flow.Complete{Meta: me, TaskID: task.ID, Outcome: flow.OutcomeApprove}
}

func doneTasks(st flow.State) []flow.Task {
	var out []flow.Task
	for _, t := range st.Tasks {
		if t.Status == flow.TaskCompleted && t.DoneBy != "" {
			out = append(out, t)
		}
	}
	return out
}

// checkIndex compares the queues and clocks with the stored State of instance id.
func checkIndex(t *testing.T, e *env, id string, st flow.State, users []string, depts ...string) {
	t.Helper()
	ctx := context.Background()
	inst, err := e.p.Instance(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if inst.State.Version != st.Version {
		t.Fatalf("%s: stored version %d, last answer %d", id, inst.State.Version, st.Version)
	}
	st = inst.State
	open := map[string]flow.Task{}
	for _, task := range st.OpenTasks() {
		open[task.ID] = task
	}
	mayAct := func(task flow.Task, user string) bool {
		holder := task.ClaimedBy
		if holder == "" {
			holder = task.Assignee
		}
		if holder != "" {
			return user == holder || user == task.ActingFor
		}
		return slices.Contains(task.Candidates, user)
	}
	for _, u := range users {
		queue, err := e.p.OpenTasksFor(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, q := range queue {
			if q.InstanceID != id {
				continue
			}
			task, ok := open[q.TaskID]
			if !ok || !mayAct(task, u) || seen[q.TaskID] {
				t.Fatalf("%s: %s's queue holds task %s (%s), which is not open for them, or twice: %+v", id, u, q.TaskID, q.Node, task)
			}
			seen[q.TaskID] = true
		}
		for _, task := range open {
			if mayAct(task, u) && !seen[task.ID] {
				t.Fatalf("%s: open task %s (%s) is missing from %s's queue", id, task.ID, task.Node, u)
			}
		}
	}
	// The extra holders carry their task's due instant, which the to-do pages by.
	var stale int
	if err := e.db.QueryRow(ctx, `SELECT COUNT(*) FROM process_task_holders h JOIN process_tasks t
		ON t.instance_id = h.instance_id AND t.task_id = h.task_id WHERE h.due_at <> t.due_at`).Scan(&stale); err != nil || stale != 0 {
		t.Fatalf("%s: %d extra holders whose due instant is not their task's (%v)", id, stale, err)
	}
	for _, code := range depts {
		d, err := e.f.Org.DepartmentByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		queue, err := e.p.OpenTasksOfDepartment(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, q := range queue {
			if q.InstanceID == id {
				seen[q.TaskID] = true
			}
		}
		for _, task := range st.Tasks {
			want := task.Status == flow.TaskOpen && slices.Contains(splitDepts(task.Department), code)
			if seen[task.ID] != want {
				t.Fatalf("%s: task %s (%s, %s, department %q) in %s's queue: %v, want %v", id, task.ID, task.Node, task.Status, task.Department, code, seen[task.ID], want)
			}
		}
	}
	for _, task := range st.Tasks {
		if task.LimitDays <= 0 {
			continue
		}
		clk, running, err := e.book.Clock(ctx, e.db, "case:"+id, process.StepPurpose(task.ID))
		if task.Status == flow.TaskOpen && err != nil {
			t.Fatalf("%s: open task %s (%s) has no clock: %v", id, task.ID, task.Node, err)
		}
		if err != nil {
			continue // a queued party whose turn never came
		}
		wantRunning := task.Status == flow.TaskOpen || task.Status == flow.TaskQueued
		wantPaused := task.Status == flow.TaskQueued || task.Status == flow.TaskOpen && st.Status == flow.StatusSuspended
		if running != wantRunning || wantRunning && clk.Paused() != wantPaused {
			t.Fatalf("%s: task %s (%s, %s) of a %s case: clock running %v paused %v", id, task.ID, task.Node, task.Status, st.Status, running, clk.Paused())
		}
	}
}

func splitDepts(s string) []string {
	return slices.DeleteFunc(strings.Split(s, ","), func(d string) bool { return d == "" })
}
