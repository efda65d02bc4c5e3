package tasks

import (
	"context"
	"errors"
	"slices"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// CaseView is a case as the staff case page shows it: the case with its materials, its
// run through its process (nil before handling begins), every event of its file, the
// opinions, the clocks, the people named, and what the reader may do now.
type CaseView struct {
	Case       casework.Case
	Applicant  string
	Instance   *process.Instance
	Definition *flow.Definition
	Tasks      []process.TaskEntry
	Events     []event.Event
	Opinions   []Opinion
	Clocks     map[deadline.ClockKey]deadline.ClockState
	Names      map[string]string // username → real name, of everyone the page names
	// What the reader may do now: nothing for a supervisor or anyone not on the case.
	Mine       []TaskActions
	TakeBack   []process.TaskEntry // their own completions they may try to take back
	Colleagues []org.User          // to transfer to or add as a signer
	Consent    []Opinion           // corrections awaiting their consent
	ReadOnly   bool                // a supervisor: no action shown, every write refused
}

// TaskActions are the actions the reader may take on one open task.
type TaskActions struct {
	Task        process.TaskEntry
	Claim       bool     // they may claim it (签收) before acting
	Outcomes    []string // complete with one of these
	ReturnTo    []flow.Node
	Countersign bool // a party of a countersign: another signer may be added
}

// Case reads case n for actor. Someone who may not read it — not staff of its
// department nor on its tasks, a supervisor of another region, an applicant — gets
// ErrNotFound, as for a case that does not exist.
func (t *Tasks) Case(ctx context.Context, actor org.User, n casework.Number) (CaseView, error) {
	cs, err := t.cases.Case(ctx, n)
	if errors.Is(err, casework.ErrNotFound) {
		return CaseView{}, ErrNotFound
	}
	if err != nil {
		return CaseView{}, err
	}
	region, err := t.org.Region(ctx, cs.RegionCode)
	if err != nil {
		return CaseView{}, err
	}
	v := CaseView{Case: cs, ReadOnly: !auth.CanWrite(actor) || actor.Role == org.RoleSupervisor}
	inst, err := t.procs.Instance(ctx, string(n))
	switch {
	case errors.Is(err, process.ErrNotFound):
	case err != nil:
		return CaseView{}, err
	default:
		v.Instance = &inst
		if v.Tasks, err = t.procs.Tasks(ctx, inst.ID); err != nil {
			return CaseView{}, err
		}
	}
	if !auth.CanReadCase(actor, cs.DepartmentID, region.Path, involved(v.Tasks, actor.Username)) {
		return CaseView{}, ErrNotFound
	}
	if err := t.fill(ctx, actor, &v); err != nil {
		return CaseView{}, err
	}
	return v, nil
}

// involved reports whether user holds, may claim or did one of the tasks.
func involved(tasks []process.TaskEntry, user string) bool {
	for _, e := range tasks {
		if e.Assignee == user || e.ActingFor == user || e.DoneBy == user || slices.Contains(e.Candidates, user) {
			return true
		}
	}
	return false
}

// fill reads what the page shows besides the case and its tasks.
func (t *Tasks) fill(ctx context.Context, actor org.User, v *CaseView) error {
	stream := casework.Stream(v.Case.Number)
	var err error
	if v.Events, err = event.Stream(ctx, t.db, stream); err != nil {
		return err
	}
	if v.Instance != nil {
		if v.Definition, err = t.procs.InstanceDefinition(ctx, *v.Instance); err != nil {
			return err
		}
	}
	if v.Opinions, err = t.opinions(ctx, v); err != nil {
		return err
	}
	if v.Clocks, err = t.book.States(ctx, []string{stream}, t.now()); err != nil {
		return err
	}
	people := []string{actor.Username}
	for _, ev := range v.Events {
		people = append(people, ev.Actor)
	}
	for _, e := range v.Tasks {
		people = append(people, e.Assignee, e.DoneBy, e.ActingFor)
		people = append(people, e.Candidates...)
	}
	for _, o := range v.Opinions {
		people = append(people, o.Author, o.DecidedBy)
	}
	if v.Names, err = t.org.Names(ctx, people); err != nil {
		return err
	}
	applicants, err := t.org.NamesByID(ctx, []int64{v.Case.ApplicantID})
	if err != nil {
		return err
	}
	v.Applicant = applicants[v.Case.ApplicantID]
	if v.ReadOnly || !auth.CanWorkOnTasks(actor) {
		return nil
	}
	return t.actions(ctx, actor, v)
}

// actions lists what actor may do on the case now.
func (t *Tasks) actions(ctx context.Context, actor org.User, v *CaseView) error {
	for _, o := range v.Opinions {
		if o.Status == CorrectionPending && auth.CanConsentToCorrection(actor, v.Case.DepartmentID, o.Author) {
			v.Consent = append(v.Consent, o)
		}
	}
	if v.Instance == nil || v.Instance.State.Ended() {
		return nil
	}
	st := &v.Instance.State
	for _, e := range v.Tasks {
		switch {
		case e.Status == flow.TaskCompleted && e.DoneBy == actor.Username && e.Outcome != flow.OutcomeSkipped:
			v.TakeBack = append(v.TakeBack, e)
		case e.Status != flow.TaskOpen:
		case e.Assignee == actor.Username || e.ActingFor == actor.Username || e.Assignee == "" && slices.Contains(e.Candidates, actor.Username):
			v.Mine = append(v.Mine, taskActions(v.Definition, st, e, actor.Username))
		}
	}
	if len(v.Mine) == 0 {
		return nil
	}
	staff, err := t.org.Users(ctx, org.UserFilter{DepartmentID: actor.DepartmentID})
	if err != nil {
		return err
	}
	for _, u := range staff {
		if u.Username != actor.Username && !u.Disabled && u.Role.IsStaff() {
			v.Colleagues = append(v.Colleagues, u)
		}
	}
	return nil
}

// taskActions says what may be done on the open task e: outcomes from the step's edges
// (a countersign party approves or rejects), a return to any step the case has been
// through before it.
func taskActions(def *flow.Definition, st *flow.State, e process.TaskEntry, user string) TaskActions {
	a := TaskActions{Task: e, Claim: e.Assignee == "" && slices.Contains(e.Candidates, user)}
	var ft *flow.Task
	for i := range st.Tasks {
		if st.Tasks[i].ID == e.TaskID {
			ft = &st.Tasks[i]
		}
	}
	if ft != nil && ft.Party != nil {
		a.Countersign = true
		a.Outcomes = []string{flow.OutcomeApprove, flow.OutcomeReject}
	} else {
		a.Outcomes = outcomes(def, e.Node)
	}
	seen := map[string]bool{e.Node: true}
	for _, done := range st.Tasks {
		if done.Status != flow.TaskCompleted || seen[done.Node] || done.Party != nil {
			continue
		}
		seen[done.Node] = true
		for _, n := range def.Nodes {
			if n.ID == done.Node {
				a.ReturnTo = append(a.ReturnTo, n)
			}
		}
	}
	return a
}

// outcomes are the outcomes the edges out of node name; a plain edge is "approve".
func outcomes(def *flow.Definition, node string) []string {
	var out []string
	for _, e := range def.Edges {
		if e.From != node || e.On == flow.OutcomeReturn || e.On == flow.OutcomeSkipped {
			continue
		}
		o := e.On
		if o == "" {
			o = flow.OutcomeApprove
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}
