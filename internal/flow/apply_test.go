package flow

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSerialApproval(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(map[string]any{"amount": 1200})
	accept := c.open("accept")
	if accept.Assignee != "wang" || accept.Department != "D1" || accept.Role != "clerk" {
		t.Fatalf("accept task assigned to %+v", accept)
	}
	c.complete("accept", OutcomeApprove)
	handle := c.open("handle")
	if !slices.Equal(handle.Candidates, []string{"li", "zhao"}) || handle.Assignee != "" {
		t.Fatalf("handling should be offered to the role's holders, got %+v", handle)
	}
	c.complete("handle", "submit")
	c.complete("review", OutcomeApprove)
	evs := c.complete("approve", OutcomeApprove)
	c.wantEnded(ResultApproved)
	if c.st.EndReason != "done" {
		t.Errorf("end reason %q", c.st.EndReason)
	}
	want := []string{EventTaskCompleted, EventTokenMoved, EventCaseEnded}
	if diff := cmp.Diff(want, eventTypes(evs)); diff != "" {
		t.Errorf("last events (-want +got):\n%s", diff)
	}
	if c.st.Version != 5 {
		t.Errorf("version %d after 5 commands", c.st.Version)
	}
	wantOutcomes := map[string]string{"accept": "approve", "handle": "submit", "review": "approve", "approve": "approve"}
	if diff := cmp.Diff(wantOutcomes, c.st.Outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
}

func TestSerialRefusal(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	c.complete("approve", OutcomeReject)
	c.wantEnded(ResultRefused)
}

func TestJointApproval(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.wantOpen("lead", "assist1", "assist2")
	if d := c.open("assist2").Department; d != "A2" {
		t.Fatalf("assist2 went to %q", d)
	}
	if d := c.open("lead").Department; d != "LEAD" {
		t.Fatalf("lead went to %q", d)
	}
	c.complete("assist2", OutcomeApprove)
	c.complete("lead", OutcomeApprove)
	c.wantOpen("assist1")
	if n := countTokensAt(c.st, "merge"); n != 2 {
		t.Fatalf("%d tokens wait at the join, want 2", n)
	}
	evs := c.complete("assist1", OutcomeApprove)
	if countEvents(evs, EventJoinFired) != 1 || countEvents(evs, EventBranchCancelled) != 0 {
		t.Fatalf("events %v", eventTypes(evs))
	}
	c.wantOpen("decide")
	c.complete("decide", OutcomeApprove)
	c.wantEnded(ResultApproved)
}

func countTokensAt(st State, node string) int {
	n := 0
	for _, tk := range st.Tokens {
		if tk.Node == node {
			n++
		}
	}
	return n
}

func TestJointRefusalInOneBranchEndsCase(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	evs := c.complete("lead", OutcomeReject)
	c.wantEnded(ResultRefused)
	if n := countEvents(evs, EventTaskCancelled); n != 1 {
		t.Errorf("%d tasks cancelled, want 1 (assist2): %v", n, eventTypes(evs))
	}
}

func TestJoinFirstNCancelsRemainingBranch(t *testing.T) {
	c := newCase(t, jointDef(WaitFirst, 2))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	evs := c.complete("assist2", OutcomeApprove)
	if got := countEvents(evs, EventBranchCancelled); got != 1 {
		t.Fatalf("%d branches cancelled, want 1: %v", got, eventTypes(evs))
	}
	for _, e := range evs {
		if p, ok := e.Payload.(BranchCancelledPayload); ok && (p.Node != "lead" || p.Split != "fork") {
			t.Errorf("cancelled %+v, want the lead branch", p)
		}
	}
	c.wantOpen("decide")
	if len(c.st.Tokens) != 1 {
		t.Fatalf("tokens left: %+v", c.st.Tokens)
	}
}

// A rejection returns the case from one branch to before the split: the other branches
// are cancelled, and the join of the second round counts only the second round's branches.
func TestJoinAfterBranchCancelledByRejection(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove) // waits at the join
	lead := c.open("lead")
	evs := c.do(Return{Meta: c.meta(holder(lead)), TaskID: lead.ID, ToNode: "accept", Reason: "材料与现场不符"})
	if got := countEvents(evs, EventBranchCancelled); got != 2 {
		t.Fatalf("%d branches cancelled, want 2 (assist1 at the join, assist2): %v", got, eventTypes(evs))
	}
	c.wantOpen("accept")
	if len(c.st.Tokens) != 1 {
		t.Fatalf("tokens after return: %+v", c.st.Tokens)
	}
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	c.complete("assist2", OutcomeApprove)
	c.wantOpen("lead")
	c.complete("lead", OutcomeApprove)
	c.wantOpen("decide")
	if c.st.Rounds["merge"] != 4 || c.st.Rounds["accept"] != 2 {
		t.Errorf("rounds %v", c.st.Rounds)
	}
}

func TestCountersign(t *testing.T) {
	tests := []struct {
		name     string
		mode     string
		comp     *Completion
		onReject string
		outcomes []string // by A1, A2, A3 in order, "" = does not act
		want     string   // node outcome, "" = still waiting
		acted    int      // completions before the decision
	}{
		{"all approve", ModeParallel, &Completion{Rule: RuleAll}, "", []string{"approve", "approve", "approve"}, "approve", 3},
		{"all, one rejects, fail", ModeParallel, nil, OnRejectFail, []string{"approve", "reject", ""}, "reject", 2},
		{"all, one rejects, continue", ModeParallel, nil, OnRejectContinue, []string{"reject", "approve", "approve"}, "reject", 3},
		{"ratio 0.66, two approve", ModeParallel, &Completion{Rule: RuleRatio, Ratio: 0.66}, "", []string{"approve", "approve", ""}, "approve", 2},
		{"ratio 0.66, two reject", ModeParallel, &Completion{Rule: RuleRatio, Ratio: 0.66}, "", []string{"reject", "reject", ""}, "reject", 2},
		{"ratio 0.66, one each", ModeParallel, &Completion{Rule: RuleRatio, Ratio: 0.66}, "", []string{"approve", "reject", "approve"}, "approve", 3},
		{"any, first approves", ModeParallel, &Completion{Rule: RuleAny}, "", []string{"approve", "", ""}, "approve", 1},
		{"any, all reject", ModeParallel, &Completion{Rule: RuleAny}, "", []string{"reject", "reject", "reject"}, "reject", 3},
		{"atleast 2", ModeParallel, &Completion{Rule: RuleAtLeast, N: 2}, "", []string{"reject", "approve", "approve"}, "approve", 3},
		{"sequential all", ModeSequential, &Completion{Rule: RuleAll}, "", []string{"approve", "approve", "approve"}, "approve", 3},
		{"sequential reject stops", ModeSequential, nil, OnRejectFail, []string{"approve", "reject", ""}, "reject", 2},
	}
	parties := []string{"A1h", "A2h", "A3h"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCase(t, countersignDef(tt.mode, tt.comp, tt.onReject))
			c.start(nil)
			if tt.mode == ModeSequential {
				c.wantOpen("sign")
			} else {
				c.wantOpen("sign", "sign", "sign")
			}
			acted := 0
			for i, o := range tt.outcomes {
				if o == "" || c.st.Outcomes["sign"] != "" {
					continue
				}
				task := openTaskOf(t, c.st, "sign", parties[i])
				c.do(Complete{Meta: c.meta(parties[i]), TaskID: task.ID, Outcome: o})
				acted++
			}
			if got := c.st.Outcomes["sign"]; got != tt.want {
				t.Fatalf("outcome %q, want %q", got, tt.want)
			}
			if acted != tt.acted {
				t.Errorf("decided after %d completions, want %d", acted, tt.acted)
			}
			if tt.want == OutcomeApprove {
				c.wantOpen("approve")
			} else {
				c.wantEnded(ResultRefused)
			}
		})
	}
}

func openTaskOf(t *testing.T, st State, node, user string) Task {
	t.Helper()
	for _, task := range st.OpenTasks() {
		if task.Node == node && holder(task) == user {
			return task
		}
	}
	t.Fatalf("no open task at %s for %s", node, user)
	return Task{}
}

func TestCountersignAssistingExpands(t *testing.T) {
	def := countersignDef(ModeParallel, &Completion{Rule: RuleAll}, "")
	def.Nodes[1].Parties = []Assignee{*roleIn("assisting", "handler")}
	c := newCase(t, def)
	c.start(nil)
	c.wantOpen("sign", "sign", "sign")
}

func TestAddSigner(t *testing.T) {
	c := newCase(t, countersignDef(ModeParallel, &Completion{Rule: RuleAll}, ""))
	c.start(nil)
	a1 := openTaskOf(t, c.st, "sign", "A1h")
	evs := c.do(AddSigner{Meta: c.meta("A1h"), TaskID: a1.ID, Party: Assignee{Kind: AssignUser, User: "wu"}})
	if countEvents(evs, EventSignerAdded) != 1 || countEvents(evs, EventTaskCreated) != 1 {
		t.Fatalf("events %v", eventTypes(evs))
	}
	for _, u := range []string{"A1h", "A2h", "A3h"} {
		task := openTaskOf(t, c.st, "sign", u)
		c.do(Complete{Meta: c.meta(u), TaskID: task.ID, Outcome: OutcomeApprove})
	}
	if c.st.Outcomes["sign"] != "" {
		t.Fatal("countersign decided before the added signer signed")
	}
	wu := openTaskOf(t, c.st, "sign", "wu")
	c.do(Complete{Meta: c.meta("wu"), TaskID: wu.ID, Outcome: OutcomeApprove})
	c.wantOpen("approve")

	h := c.open("approve")
	err := c.try(AddSigner{Meta: c.meta(holder(h)), TaskID: h.ID, Party: Assignee{Kind: AssignUser, User: "wu"}})
	wantErr(t, err, ErrNotCountersign)
}

func TestLoopCappedAtMaxRounds(t *testing.T) {
	c := newCase(t, loopDef(3))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	for round := 1; round <= 3; round++ {
		if got := c.open("handle").Round; got != round {
			t.Fatalf("handling round %d, want %d", got, round)
		}
		c.complete("handle", OutcomeApprove)
		c.complete("review", OutcomeReject)
	}
	c.wantEnded(ResultRefused)
	if c.st.EndReason != "rounds_exceeded" {
		t.Fatalf("end reason %q", c.st.EndReason)
	}
	if countEvents(c.last, EventRoundsExceeded) != 1 {
		t.Fatalf("events %v", eventTypes(c.last))
	}
}

func TestLoopPassesWithinCap(t *testing.T) {
	c := newCase(t, loopDef(3))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeReject)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	c.complete("approve", OutcomeApprove)
	c.wantEnded(ResultApproved)
}

func TestReturnAndReapproval(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	ap := c.open("approve")

	err := c.try(Return{Meta: c.meta("sun"), TaskID: ap.ID, ToNode: "nowhere"})
	wantErr(t, err, ErrBadTarget)
	err = c.try(Return{Meta: c.meta("sun"), TaskID: ap.ID})
	wantErr(t, err, ErrBadTarget) // no return edge

	evs := c.do(Return{Meta: c.meta("sun"), TaskID: ap.ID, ToNode: "handle", Reason: "补充现场照片"})
	if evs[0].Type != EventTaskReturned {
		t.Fatalf("events %v", eventTypes(evs))
	}
	h := c.open("handle")
	if h.Round != 2 {
		t.Fatalf("handling round %d", h.Round)
	}
	got, _ := c.st.Task(ap.ID)
	if got.Outcome != OutcomeReturn || got.Opinion != "补充现场照片" {
		t.Fatalf("returned task %+v", got)
	}
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	c.complete("approve", OutcomeApprove)
	c.wantEnded(ResultApproved)
}

func TestReturnAlongEdge(t *testing.T) {
	def := serialDef()
	def.Edges = append(def.Edges, on("approve", "review", OutcomeReturn))
	c := newCase(t, def)
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	ap := c.open("approve")
	c.do(Return{Meta: c.meta("sun"), TaskID: ap.ID, Reason: "意见不明确"})
	c.wantOpen("review")
}

func TestDelegation(t *testing.T) {
	c := newCase(t, serialDef())
	dir := testDirectory()
	dir.Delegate("sun", "zhou", t0, t0.AddDate(0, 0, 7))
	c.eng.Directory = dir
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("handle", OutcomeApprove)
	c.complete("review", OutcomeApprove)
	ap := c.open("approve")
	if ap.Assignee != "zhou" || ap.ActingFor != "sun" {
		t.Fatalf("approval went to %q acting for %q", ap.Assignee, ap.ActingFor)
	}
	wantErr(t, c.try(Complete{Meta: c.meta("li"), TaskID: ap.ID, Outcome: OutcomeApprove}), ErrNotYourTask)
	evs := c.do(Complete{Meta: c.meta("zhou"), TaskID: ap.ID, Outcome: OutcomeApprove, Opinion: "同意（代签）"})
	p := evs[0].Payload.(TaskActionPayload)
	if p.By != "zhou" || p.ActingFor != "sun" {
		t.Fatalf("completion recorded as %+v", p)
	}
	done, _ := c.st.Task(ap.ID)
	if done.DoneBy != "zhou" || done.DoneFor != "sun" {
		t.Fatalf("task %+v", done)
	}
	c.wantEnded(ResultApproved)
}

func TestDelegationForRoleCandidate(t *testing.T) {
	c := newCase(t, serialDef())
	dir := testDirectory()
	dir.Delegate("li", "wu", t0, t0.AddDate(0, 0, 7))
	c.eng.Directory = dir
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	h := c.open("handle")
	m := c.meta("wu")
	wantErr(t, c.try(Complete{Meta: m, TaskID: h.ID, Outcome: OutcomeApprove}), ErrNotYourTask)
	m = c.meta("wu")
	m.ActingFor = "zhao" // not wu's principal
	wantErr(t, c.try(Complete{Meta: m, TaskID: h.ID, Outcome: OutcomeApprove}), ErrNotYourTask)
	m = c.meta("wu")
	m.ActingFor = "li"
	c.do(Complete{Meta: m, TaskID: h.ID, Outcome: OutcomeApprove})
	got, _ := c.st.Task(h.ID)
	if got.DoneBy != "wu" || got.DoneFor != "li" {
		t.Fatalf("task %+v", got)
	}
}

func TestSkip(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	wantErr(t, c.try(Skip{Meta: c.meta("admin"), NodeID: "handle"}), ErrNeedReason)
	wantErr(t, c.try(Skip{Meta: c.meta("admin"), NodeID: "review", Reason: "x"}), ErrBadTarget)
	h := c.open("handle")
	evs := c.do(Skip{Meta: c.meta("admin"), NodeID: "handle", Reason: "即办件，免于承办"})
	if evs[0].Type != EventTaskSkipped {
		t.Fatalf("events %v", eventTypes(evs))
	}
	got, _ := c.st.Task(h.ID)
	if got.Outcome != OutcomeSkipped || got.DoneBy != "admin" {
		t.Fatalf("skipped task %+v", got)
	}
	c.wantOpen("review")
	// skipping a step whose edges are approve/reject leaves by approve
	c.do(Skip{Meta: c.meta("admin"), NodeID: "review", Reason: "领导已当面审核"})
	c.wantOpen("approve")
}

func TestTakeBack(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	h := c.open("handle")
	c.do(Complete{Meta: c.meta("zhao"), TaskID: h.ID, Outcome: OutcomeApprove, Opinion: "同意"})
	review := c.open("review")
	before := c.st.Rounds["review"]

	wantErr(t, c.try(TakeBack{Meta: c.meta("li"), TaskID: h.ID}), ErrNotYourTask)
	evs := c.do(TakeBack{Meta: c.meta("zhao"), TaskID: h.ID})
	if diff := cmp.Diff([]string{EventTaskCancelled, EventTaskTakenBack, EventTaskCreated}, eventTypes(evs)); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	again := c.open("handle")
	if again.ClaimedBy != "zhao" || again.ID == h.ID {
		t.Fatalf("new task %+v", again)
	}
	if got, _ := c.st.Task(review.ID); got.Status != TaskCancelled {
		t.Fatalf("review task %s", got.Status)
	}
	if c.st.Rounds["review"] != before-1 || c.st.Outcomes["handle"] != "" {
		t.Fatalf("rounds %v outcomes %v", c.st.Rounds, c.st.Outcomes)
	}

	// Once the reviewer has claimed the next step, it is too late.
	c.do(Complete{Meta: c.meta("zhao"), TaskID: again.ID, Outcome: OutcomeApprove})
	review = c.open("review")
	c.do(Claim{Meta: c.meta("chen"), TaskID: review.ID})
	wantErr(t, c.try(TakeBack{Meta: c.meta("zhao"), TaskID: again.ID}), ErrCannotTakeBack)
}

func TestTakeBackCountersignVote(t *testing.T) {
	c := newCase(t, countersignDef(ModeParallel, &Completion{Rule: RuleAll}, ""))
	c.start(nil)
	a1 := openTaskOf(t, c.st, "sign", "A1h")
	c.do(Complete{Meta: c.meta("A1h"), TaskID: a1.ID, Outcome: OutcomeApprove})
	c.do(TakeBack{Meta: c.meta("A1h"), TaskID: a1.ID})
	c.wantOpen("sign", "sign", "sign")
	for _, u := range []string{"A1h", "A2h", "A3h"} {
		task := openTaskOf(t, c.st, "sign", u)
		c.do(Complete{Meta: c.meta(u), TaskID: task.ID, Outcome: OutcomeApprove})
	}
	c.wantOpen("approve")
}

func TestDoubleCompletion(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	a := c.open("accept")
	c.do(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove})
	err := c.try(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove})
	var ah *AlreadyHandledError
	if !errors.As(err, &ah) {
		t.Fatalf("error %v, want AlreadyHandledError", err)
	}
	if ah.By != "wang" || !ah.At.Equal(c.now.Add(-time.Hour)) {
		t.Fatalf("%+v", ah)
	}
}

func TestRepeatedRequestIsHarmless(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	a := c.open("accept")
	cmd := Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove}
	c.do(cmd)
	after := c.st
	st, evs, err := c.eng.Apply(c.def, c.st, cmd, c.now)
	if err != nil || len(evs) != 0 {
		t.Fatalf("repeat gave %v, %v", evs, err)
	}
	if diff := cmp.Diff(after, st); diff != "" {
		t.Fatalf("repeat changed the state:\n%s", diff)
	}
}

func TestRecentRequestsAreBounded(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	for i := 0; i < recentLimit+10; i++ {
		c.do(Claim{Meta: c.meta("wang"), TaskID: c.open("accept").ID})
	}
	if len(c.st.Recent) != recentLimit {
		t.Fatalf("%d recent ids kept", len(c.st.Recent))
	}
}

func TestValidation(t *testing.T) {
	c := newCase(t, serialDef())
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: "t1"}), ErrNotStarted)
	wantErr(t, c.try(Start{Meta: Meta{Actor: "wang"}}), ErrBadCommand)
	c.start(nil)
	wantErr(t, c.try(Start{Meta: c.meta("wang")}), ErrAlreadyStarted)
	a := c.open("accept")
	wantErr(t, c.try(Complete{Meta: c.meta("li"), TaskID: a.ID, Outcome: OutcomeApprove}), ErrNotYourTask)
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: "t999", Outcome: OutcomeApprove}), ErrTaskNotFound)
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: "maybe"}), ErrBadOutcome)
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeSkipped}), ErrBadOutcome)
	other := *c.def
	other.Version = 2
	_, _, err := c.eng.Apply(&other, c.st, Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove}, c.now)
	wantErr(t, err, ErrWrongDefinition)
	_, _, err = c.eng.Apply(c.def, c.st, nil, c.now)
	wantErr(t, err, ErrUnknownCommand)
}

func TestSuspendResumeTerminate(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	a := c.open("accept")
	wantErr(t, c.try(Suspend{Meta: c.meta("admin")}), ErrNeedReason)
	c.do(Suspend{Meta: c.meta("admin"), Reason: "听证"})
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove}), ErrCaseSuspended)
	wantErr(t, c.try(Suspend{Meta: c.meta("admin"), Reason: "again"}), ErrCaseSuspended)
	c.do(Resume{Meta: c.meta("admin"), Reason: "听证结束"})
	wantErr(t, c.try(Resume{Meta: c.meta("admin"), Reason: "x"}), ErrNotSuspended)
	wantErr(t, c.try(Terminate{Meta: c.meta("admin"), Result: "maybe", Reason: "x"}), ErrBadResult)
	c.do(Terminate{Meta: c.meta("applicant"), Result: ResultWithdrawn, Reason: "申请人撤回申请"})
	c.wantEnded(ResultWithdrawn)
	wantErr(t, c.try(Claim{Meta: c.meta("wang"), TaskID: "t999"}), ErrTaskNotFound)
	wantErr(t, c.try(Suspend{Meta: c.meta("admin"), Reason: "x"}), ErrCaseEnded)
}

func TestJump(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	wantErr(t, c.try(Jump{Meta: c.meta("admin"), ToNode: "assist1", Reason: "x"}), ErrBadTarget)
	wantErr(t, c.try(Jump{Meta: c.meta("admin"), ToNode: "start", Reason: "x"}), ErrBadTarget)
	evs := c.do(Jump{Meta: c.meta("admin"), ToNode: "decide", Reason: "协办意见已线下取得"})
	if countEvents(evs, EventTaskCancelled) != 3 {
		t.Fatalf("events %v", eventTypes(evs))
	}
	c.wantOpen("decide")
}

func TestInsertTouchesOneCaseOnly(t *testing.T) {
	def := serialDef()
	one, two := newCase(t, def), newCase(t, def)
	one.start(nil)
	two.start(nil)
	extra := task("expert", &Assignee{Kind: AssignUser, User: "wu"})
	extra.Name = "专家评审"
	wantErr(t, one.try(Insert{Meta: one.meta("admin"), After: "review", Node: extra}), ErrNeedReason)
	dup := extra
	dup.ID = "handle"
	wantErr(t, one.try(Insert{Meta: one.meta("admin"), After: "review", Node: dup, Reason: "x"}), ErrBadInsert)
	one.do(Insert{Meta: one.meta("admin"), After: "review", Node: extra, Reason: "需专家评审"})

	for _, c := range []*testCase{one, two} {
		c.complete("accept", OutcomeApprove)
		c.complete("handle", OutcomeApprove)
		c.complete("review", OutcomeApprove)
	}
	one.wantOpen("expert")
	two.wantOpen("approve")
	// a rejection at the inserted step routes as one at review would
	one.complete("expert", OutcomeReject)
	one.wantOpen("handle")
	if len(def.Nodes) != 7 {
		t.Fatal("the definition was changed")
	}
	// the drawing of that case shows the step
	if svg := string(DrawSVG(def, &one.st, Words{})); !strings.Contains(svg, `data-node="expert"`) {
		t.Fatal("inserted step not drawn")
	}
}

func TestTransferAndReassign(t *testing.T) {
	c := newCase(t, serialDef())
	dir := testDirectory()
	dir.Delegate("wu", "zhou", t0, t0.AddDate(0, 1, 0))
	c.eng.Directory = dir
	c.start(nil)
	a := c.open("accept")
	wantErr(t, c.try(Transfer{Meta: c.meta("wang"), TaskID: a.ID, ToUser: "nobody"}), ErrBadUser)
	c.do(Transfer{Meta: c.meta("wang"), TaskID: a.ID, ToUser: "li", Reason: "出差"})
	wantErr(t, c.try(Complete{Meta: c.meta("wang"), TaskID: a.ID, Outcome: OutcomeApprove}), ErrNotYourTask)
	wantErr(t, c.try(Reassign{Meta: c.meta("admin"), TaskID: a.ID, ToUser: "wu"}), ErrNeedReason)
	c.do(Reassign{Meta: c.meta("admin"), TaskID: a.ID, ToUser: "wu", Reason: "调整分工"})
	got := c.open("accept")
	if got.Assignee != "zhou" || got.ActingFor != "wu" {
		t.Fatalf("reassigned to %q for %q", got.Assignee, got.ActingFor)
	}
	// the absent principal may still act on a task their deputy holds
	c.do(Complete{Meta: c.meta("wu"), TaskID: a.ID, Outcome: OutcomeApprove})
	c.wantOpen("handle")
}

func TestClaim(t *testing.T) {
	c := newCase(t, serialDef())
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	h := c.open("handle")
	c.do(Claim{Meta: c.meta("li"), TaskID: h.ID})
	err := c.try(Complete{Meta: c.meta("zhao"), TaskID: h.ID, Outcome: OutcomeApprove})
	wantErr(t, err, ErrNotYourTask)
	c.do(Complete{Meta: c.meta("li"), TaskID: h.ID, Outcome: OutcomeApprove})
}

func TestSameAsAssignee(t *testing.T) {
	def := serialDef()
	def.Nodes = append(def.Nodes, task("notify", &Assignee{Kind: AssignSameAs, Node: "handle"}))
	for i, e := range def.Edges {
		if e.From == "approve" && e.On == "approve" {
			def.Edges[i].To = "notify"
		}
	}
	def.Edges = append(def.Edges, edge("notify", "done"))
	c := newCase(t, def)
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	h := c.open("handle")
	c.do(Complete{Meta: c.meta("zhao"), TaskID: h.ID, Outcome: OutcomeApprove})
	c.complete("review", OutcomeApprove)
	c.complete("approve", OutcomeApprove)
	if n := c.open("notify"); n.Assignee != "zhao" {
		t.Fatalf("notify went to %q", n.Assignee)
	}
}

func TestChoiceRoutes(t *testing.T) {
	def := &Definition{Key: "choice", Version: 1,
		Nodes: []Node{startNode(), task("handle", roleIn("item", "handler")), {ID: "size", Kind: KindChoice},
			task("leader", roleIn("item", "leader")), task("approve", roleIn("item", "approver")), end("done", ResultApproved)},
		Edges: []Edge{edge("start", "handle"), edge("handle", "size"),
			{From: "size", To: "leader", Condition: `form.amount >= 1000000 && outcome == "approve"`, Order: 1},
			{From: "size", To: "approve", Default: true},
			edge("leader", "done"), edge("approve", "done")},
	}
	tests := []struct {
		form map[string]any
		want string
		errs bool
	}{
		{map[string]any{"amount": 2000000}, "leader", false},
		{map[string]any{"amount": 5.0}, "approve", false},
		{map[string]any{}, "approve", true}, // nil >= int fails at run time → false
	}
	for _, tt := range tests {
		c := newCase(t, def)
		c.start(tt.form)
		// round-trip through JSON as casework would
		data, err := json.Marshal(c.st)
		if err != nil {
			t.Fatal(err)
		}
		c.st = State{}
		if err := json.Unmarshal(data, &c.st); err != nil {
			t.Fatal(err)
		}
		evs := c.complete("handle", OutcomeApprove)
		c.wantOpen(tt.want)
		for _, e := range evs {
			if p, ok := e.Payload.(ChoiceTakenPayload); ok && (len(p.Errors) > 0) != tt.errs {
				t.Errorf("form %v: choice errors %v", tt.form, p.Errors)
			}
		}
	}
}

func TestStateSurvivesJSON(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(map[string]any{"amount": 3, "name": "某某公司"})
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	data, err := json.Marshal(c.st)
	if err != nil {
		t.Fatal(err)
	}
	var back State
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(data) {
		t.Fatalf("state changed in a JSON round trip:\n%s\n%s", data, again)
	}
	c.st = back
	c.complete("lead", OutcomeApprove)
	c.complete("assist2", OutcomeApprove)
	c.wantOpen("decide")
	for _, e := range c.last {
		if _, err := json.Marshal(e); err != nil {
			t.Fatalf("event %s: %v", e.Type, err)
		}
	}
}

func TestApplyDoesNotModifyInput(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	before, _ := json.Marshal(c.st)
	st := c.st
	lead := c.open("lead")
	if _, _, err := c.eng.Apply(c.def, st, Return{Meta: c.meta("lead1"), TaskID: lead.ID, ToNode: "accept", Reason: "r"}, c.now); err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(st)
	if string(before) != string(after) {
		t.Fatal("Apply modified the state it was given")
	}
}
