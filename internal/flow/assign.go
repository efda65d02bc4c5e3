package flow

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// assignment is who a task goes to: one user (possibly a deputy acting for an absent
// one), or the holders of a role, any of whom may claim it.
type assignment struct {
	department, role string
	user, actingFor  string
	candidates       []string
}

func (a assignment) apply(t *Task) {
	t.Department, t.Role = a.department, a.role
	t.Assignee, t.ActingFor, t.Candidates = a.user, a.actingFor, a.candidates
	t.ClaimedBy = ""
}

// assign resolves an assignee for a step at node. A role held by one person goes to that
// person as if named, so that a deputy stands in when they are away.
func (r *run) assign(node string, a Assignee) (assignment, error) {
	fail := func(err error) (assignment, error) { return assignment{}, &AssignError{Node: node, Err: err} }
	switch a.Kind {
	case AssignRole:
		depts, err := r.departments(a.Department)
		if err != nil {
			return fail(err)
		}
		var users []string
		for _, d := range depts {
			got, err := r.dir.Resolve(Assignee{Kind: AssignRole, Role: a.Role, Department: d}, r.resolveContext(node))
			if err != nil {
				return fail(fmt.Errorf("role %s in %s: %w", a.Role, d, err))
			}
			users = append(users, got...)
		}
		slices.Sort(users)
		users = slices.Compact(users)
		out := assignment{department: strings.Join(depts, ","), role: a.Role}
		switch len(users) {
		case 0:
			return fail(fmt.Errorf("nobody holds role %s in %s", a.Role, out.department))
		case 1:
			out.user, out.actingFor = r.withDeputy(users[0])
		default:
			out.candidates = users
		}
		return out, nil
	case AssignUser:
		if _, err := r.dir.Resolve(Assignee{Kind: AssignUser, User: a.User}, r.resolveContext(node)); err != nil {
			return fail(fmt.Errorf("user %s: %w", a.User, err))
		}
		out := assignment{}
		out.user, out.actingFor = r.withDeputy(a.User)
		return out, nil
	case AssignSameAs:
		return r.sameAs(node, a.Node)
	}
	return fail(fmt.Errorf("unknown assignee kind %q", a.Kind))
}

// sameAs gives the step to whoever handled the last task at node ref; when that task was
// skipped, to whoever it was assigned to.
func (r *run) sameAs(node, ref string) (assignment, error) {
	for i := len(r.st.Tasks) - 1; i >= 0; i-- {
		t := r.st.Tasks[i]
		if t.Node != ref || t.Party != nil {
			continue
		}
		out := assignment{department: t.Department, role: t.Role}
		switch {
		case t.Status == TaskCompleted && t.Outcome != OutcomeSkipped:
			out.user = cmp.Or(t.DoneFor, t.DoneBy)
		case t.ActingFor != "":
			out.user = t.ActingFor
		case t.ClaimedBy != "" || t.Assignee != "":
			out.user = cmp.Or(t.ClaimedBy, t.Assignee)
		default:
			out.candidates = t.Candidates
			return out, nil
		}
		out.user, out.actingFor = r.withDeputy(out.user)
		return out, nil
	}
	return assignment{}, &AssignError{Node: node, Err: fmt.Errorf("step %q has not been handled in this case", ref)}
}

// withDeputy returns the user who should get work meant for user: their deputy while a
// delegation is active (授权), recorded as acting for them.
func (r *run) withDeputy(user string) (assignee, actingFor string) {
	if d, ok := r.dir.DeputyOf(user, r.now); ok && d != "" && d != user {
		return d, user
	}
	return user, ""
}

func (r *run) resolveContext(node string) ResolveContext {
	return ResolveContext{Departments: r.st.Departments, Node: node, At: r.now}
}

var errNoDepartment = errors.New("the case has no such department")

// departments turns a department alias into the case's department codes.
func (r *run) departments(alias string) ([]string, error) {
	d := r.st.Departments
	n, err := assistingIndex(alias)
	switch {
	case err != nil:
		return nil, err
	case alias == DeptItem && d.Item != "":
		return []string{d.Item}, nil
	case alias == DeptLead && cmp.Or(d.Lead, d.Item) != "":
		return []string{cmp.Or(d.Lead, d.Item)}, nil
	case alias == DeptItem || alias == DeptLead:
		return nil, fmt.Errorf("%w: %s", errNoDepartment, alias)
	case n == 0 && len(d.Assisting) > 0:
		return slices.Clone(d.Assisting), nil
	case n > 0 && n <= len(d.Assisting):
		return []string{d.Assisting[n-1]}, nil
	case n >= 0:
		return nil, fmt.Errorf("%w: %s", errNoDepartment, alias)
	}
	return []string{alias}, nil
}

// assistingIndex parses the assisting-department alias: -1 for anything else, 0 for
// "assisting" (all of them), N for "assisting.N".
func assistingIndex(alias string) (int, error) {
	if alias == DeptAssisting {
		return 0, nil
	}
	rest, ok := strings.CutPrefix(alias, DeptAssisting+".")
	if !ok {
		return -1, nil
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 {
		return -1, fmt.Errorf("%q is not assisting.N with N from 1", alias)
	}
	return n, nil
}

// makeTask opens the task of a task node.
func (r *run) makeTask(n *Node, tok Token, round int) error {
	if n.Assignee == nil {
		return &AssignError{Node: n.ID, Err: errors.New("the step has no assignee")}
	}
	a, err := r.assign(n.ID, *n.Assignee)
	if err != nil {
		return err
	}
	t := Task{ID: r.nextID("t"), Node: n.ID, Token: tok.ID, Round: round, Status: TaskOpen, LimitDays: n.LimitDays, CreatedAt: r.now}
	a.apply(&t)
	r.addTask(t)
	return nil
}

// addTask records a new task, announcing it when it is open.
func (r *run) addTask(t Task) {
	r.st.Tasks = append(r.st.Tasks, t)
	if r.log != nil {
		r.log.Tasks = append(r.log.Tasks, t.ID)
	}
	if t.Status == TaskOpen {
		r.announce(t)
	}
}

func (r *run) announce(t Task) {
	r.emit(EventTaskCreated, TaskCreatedPayload{
		TaskID: t.ID, Node: t.Node, Round: t.Round, Status: t.Status,
		Department: t.Department, Role: t.Role, Assignee: t.Assignee, Candidates: t.Candidates,
		ActingFor: t.ActingFor, LimitDays: t.LimitDays,
	})
}
