package flow

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRandomCasesNeverStick runs random actions on random valid definitions and checks
// after every command that a running case always has someone able to act, that ended
// cases hold no open work, and that failed commands change nothing.
func TestRandomCasesNeverStick(t *testing.T) {
	cases := 4000
	if testing.Short() {
		cases = 300
	}
	ended := 0
	stats := map[string]int{}
	for i := 0; i < cases; i++ {
		r := rand.New(rand.NewPCG(20260302, uint64(i)))
		def := randomDefinition(r, 6+r.IntN(34))
		if ps := Check(def); len(ps) > 0 {
			data, _ := json.MarshalIndent(def, "", " ")
			t.Fatalf("case %d: generated definition fails Check: %v\n%s", i, ps, data)
		}
		m := &model{t: t, r: r, c: newCase(t, def), id: i, stats: stats}
		m.run(120)
		if m.c.st.Status == StatusEnded {
			ended++
			stats["ended "+m.c.st.EndKind+" "+m.c.st.EndReason[:min(len(m.c.st.EndReason), 10)]]++
		}
	}
	t.Logf("%d cases, %d ended; %v", cases, ended, stats)
	if ended < cases/2 {
		t.Errorf("only %d of %d random cases ended; the driver is too timid", ended, cases)
	}
}

type model struct {
	t      *testing.T
	r      *rand.Rand
	c      *testCase
	id     int
	log    []string
	prev   Command
	repeat bool
	stats  map[string]int
}

func (m *model) fail(format string, args ...any) {
	m.t.Helper()
	data, _ := json.Marshal(m.c.def)
	m.t.Fatalf("case %d: %s\nactions: %v\ndefinition: %s", m.id, fmt.Sprintf(format, args...), m.log, data)
}

func (m *model) run(steps int) {
	m.c.start(map[string]any{"amount": m.r.IntN(2000)})
	m.invariants()
	for s := 0; s < steps && m.c.st.Status != StatusEnded; s++ {
		cmd := m.pick()
		if cmd == nil {
			continue
		}
		repeat := m.repeat
		m.repeat = false
		m.log = append(m.log, fmt.Sprintf("%T%+v", cmd, cmd))
		before := m.c.st.Version
		err := m.c.try(cmd)
		m.check(err)
		if err != nil {
			m.stats[fmt.Sprintf("%T error", cmd)]++
		} else {
			m.stats[fmt.Sprintf("%T", cmd)]++
		}
		if err == nil && m.c.st.Version != before+1 && !repeat {
			m.fail("version %d after %d", m.c.st.Version, before)
		}
		m.prev = cmd
		if s%7 == 0 {
			m.roundTrip()
		}
		m.invariants()
	}
}

// check allows the errors a person can provoke; anything else is an engine bug.
func (m *model) check(err error) {
	if err == nil {
		return
	}
	var handled *AlreadyHandledError
	for _, ok := range []error{ErrNotYourTask, ErrTaskNotOpen, ErrTaskNotFound, ErrBadTarget, ErrCannotTakeBack,
		ErrCaseSuspended, ErrNotSuspended, ErrCaseEnded, ErrBadOutcome, ErrNotCountersign, ErrBadInsert} {
		if errors.Is(err, ok) {
			return
		}
	}
	if errors.As(err, &handled) {
		return
	}
	m.fail("unexpected error: %v", err)
}

func (m *model) roundTrip() {
	data, err := json.Marshal(m.c.st)
	if err != nil {
		m.fail("marshal state: %v", err)
	}
	var st State
	if err := json.Unmarshal(data, &st); err != nil {
		m.fail("unmarshal state: %v", err)
	}
	m.c.st = st
}

func (m *model) invariants() {
	st := &m.c.st
	open := st.OpenTasks()
	switch st.Status {
	case StatusRunning:
		if len(open) == 0 {
			m.fail("running case has no open task; tokens %+v", st.Tokens)
		}
	case StatusEnded:
		if len(open) > 0 || len(st.Tokens) > 0 {
			m.fail("ended case has open work")
		}
	}
	for _, t := range open {
		if st.tokenIndex(t.Token) < 0 {
			m.fail("open task %s has no token", t.ID)
		}
	}
	for _, tok := range st.Tokens {
		n := m.c.def.node(tok.Node)
		if n == nil {
			for _, ins := range st.Inserted {
				if ins.Node.ID == tok.Node {
					n = &ins.Node
				}
			}
		}
		if n == nil {
			m.fail("token at unknown node %q", tok.Node)
		}
		if n.Kind.hasTasks() && !slices.ContainsFunc(open, func(t Task) bool { return t.Token == tok.ID }) {
			m.fail("token %s at %s has no open task", tok.ID, tok.Node)
		}
		if n.Kind == KindJoin && !m.branchRunning(tok) {
			m.fail("token %s waits at join %s for branches that are gone", tok.ID, tok.Node)
		}
	}
}

// branchRunning reports whether some other branch of a waiting token's scope still runs.
func (m *model) branchRunning(waiting Token) bool {
	scope := waiting.Scopes[len(waiting.Scopes)-1].ID
	for _, tok := range m.c.st.Tokens {
		if tok.Node != waiting.Node && slices.ContainsFunc(tok.Scopes, func(s Scope) bool { return s.ID == scope }) {
			return true
		}
	}
	return false
}

func (m *model) meta(actor string) Meta { return m.c.meta(actor) }

func (m *model) pick() Command {
	st := &m.c.st
	if st.Status == StatusSuspended {
		if m.r.IntN(2) == 0 {
			return Resume{Meta: m.meta("admin"), Reason: "恢复"}
		}
	}
	open := st.OpenTasks()
	if len(open) == 0 {
		return nil
	}
	t := open[m.r.IntN(len(open))]
	switch k := m.r.IntN(100); {
	case k < 62:
		return Complete{Meta: m.meta(holder(t)), TaskID: t.ID, Outcome: m.outcome(t), Opinion: "意见"}
	case k < 68:
		visited := m.visited()
		return Return{Meta: m.meta(holder(t)), TaskID: t.ID, ToNode: visited[m.r.IntN(len(visited))], Reason: "退回"}
	case k < 71:
		return Return{Meta: m.meta(holder(t)), TaskID: t.ID, Reason: "退回"}
	case k < 75:
		return Skip{Meta: m.meta("admin"), NodeID: t.Node, Reason: "跳过"}
	case k < 80:
		if done := m.completed(); len(done) > 0 {
			d := done[m.r.IntN(len(done))]
			return TakeBack{Meta: m.meta(d.DoneBy), TaskID: d.ID}
		}
	case k < 83:
		return Claim{Meta: m.meta(holder(t)), TaskID: t.ID}
	case k < 85:
		return Transfer{Meta: m.meta(holder(t)), TaskID: t.ID, ToUser: "wu", Reason: "转办"}
	case k < 87:
		return Reassign{Meta: m.meta("admin"), TaskID: t.ID, ToUser: "zhou", Reason: "改派"}
	case k < 89:
		return Suspend{Meta: m.meta("admin"), Reason: "挂起"}
	case k < 91:
		nodes := m.c.def.Nodes
		return Jump{Meta: m.meta("admin"), ToNode: nodes[m.r.IntN(len(nodes))].ID, Reason: "跳转"}
	case k < 93:
		n := task(fmt.Sprintf("ins%d", len(st.Inserted)), &Assignee{Kind: AssignUser, User: "wu"})
		return Insert{Meta: m.meta("admin"), After: t.Node, Node: n, Reason: "加步骤"}
	case k < 95:
		return AddSigner{Meta: m.meta(holder(t)), TaskID: t.ID, Party: Assignee{Kind: AssignUser, User: "wu"}}
	case k < 98:
		if m.prev != nil {
			m.repeat = true
			return m.prev // a retried request
		}
	case k < 99:
		return Terminate{Meta: m.meta("admin"), Result: ResultWithdrawn, Reason: "撤回"}
	}
	return Complete{Meta: m.meta(holder(t)), TaskID: t.ID, Outcome: OutcomeApprove}
}

func (m *model) outcome(t Task) string {
	if t.Party != nil || m.r.IntN(3) > 0 {
		return []string{OutcomeApprove, OutcomeApprove, OutcomeReject}[m.r.IntN(3)]
	}
	return []string{OutcomeReject, OutcomeReturn, "submit", "maybe"}[m.r.IntN(4)]
}

func (m *model) visited() []string {
	var nodes []string
	for _, n := range m.c.def.Nodes {
		if m.c.st.Rounds[n.ID] > 0 || m.r.IntN(4) == 0 {
			nodes = append(nodes, n.ID)
		}
	}
	if len(nodes) == 0 {
		return []string{"start"}
	}
	return nodes
}

func (m *model) completed() []Task {
	var done []Task
	for _, t := range m.c.st.Tasks {
		if t.Status == TaskCompleted && t.DoneBy != "admin" {
			done = append(done, t)
		}
	}
	return done
}
