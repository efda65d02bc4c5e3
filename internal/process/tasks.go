package process

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// TaskEntry is one task as the work queues see it.
type TaskEntry struct {
	InstanceID        string
	Stream            string
	DefinitionKey     string
	DefinitionVersion int
	InstanceStatus    string
	TaskID            string
	Node              string
	NodeName          string
	Department        string // department code; several, comma-separated, for a role across departments
	Role              string
	Assignee          string // one user, when the task is theirs alone (claimed, named, or a sole role holder)
	ActingFor         string // the absent user the assignee deputises for
	Candidates        []string
	Status            string
	Outcome           string
	DoneBy            string
	LimitDays         int
	CreatedAt         time.Time
	ClosedAt          time.Time
	Due               time.Time // of the step clock; zero when it has none or it is paused
}

// StepPurpose names the clock of a task's step time limit.
func StepPurpose(taskID string) string { return "step:" + taskID }

// syncTasks brings the task index and the step clocks in line with next: a task that
// opens is indexed under its holders and its clock starts; one that closes leaves the
// queues and its clock stops. A countersign party sent back to the queue (its
// predecessor took back the completion that opened it) leaves the queues too, and its
// clock pauses until the party's turn comes again. While the case is suspended the
// clocks of its open tasks are paused.
func (p *Processes) syncTasks(ctx context.Context, tx *store.Tx, inst Instance, def *flow.Definition, old, next flow.State, now time.Time) error {
	if err := p.indexTasks(ctx, tx, inst, def, old, next, now); err != nil {
		return err
	}
	suspended := func(st flow.State) bool { return st.Status == flow.StatusSuspended }
	if suspended(old) == suspended(next) {
		return nil
	}
	for i := range next.Tasks {
		t := &next.Tasks[i]
		if t.Status != flow.TaskOpen || t.LimitDays <= 0 || p.clocks == nil {
			continue
		}
		var err error
		if suspended(next) {
			err = p.pauseClock(ctx, tx, inst, t, now)
		} else {
			err = p.resumeClock(ctx, tx, inst, t, now)
		}
		if err != nil {
			return fmt.Errorf("process: unable to pause or resume the clock of task %s of %s: %w", t.ID, inst.ID, err)
		}
	}
	return nil
}

// indexTasks keeps the task index and starts and stops step clocks (see syncTasks).
func (p *Processes) indexTasks(ctx context.Context, tx *store.Tx, inst Instance, def *flow.Definition, old, next flow.State, now time.Time) error {
	before := make(map[string]*flow.Task, len(old.Tasks))
	for i := range old.Tasks {
		before[old.Tasks[i].ID] = &old.Tasks[i]
	}
	for i := range next.Tasks {
		t := &next.Tasks[i]
		o := before[t.ID]
		var err error
		switch {
		case o == nil:
			err = p.addTask(ctx, tx, inst, def, next, t, now)
		case o.Status != flow.TaskOpen && t.Status == flow.TaskOpen:
			err = p.openTask(ctx, tx, inst, next, t, now)
		case o.Status == flow.TaskOpen && t.Status != flow.TaskOpen:
			err = p.closeTask(ctx, tx, inst, o, t, now)
		case t.Status == flow.TaskOpen && !sameHolders(o, t):
			err = rehold(ctx, tx, inst, o, t)
		case o.Status != t.Status:
			_, err = tx.Exec(ctx, `UPDATE process_tasks SET status = ? WHERE instance_id = ? AND task_id = ?`, t.Status, inst.ID, t.ID)
		}
		if err != nil {
			return fmt.Errorf("process: unable to index task %s of %s: %w", t.ID, inst.ID, err)
		}
	}
	return nil
}

func (p *Processes) addTask(ctx context.Context, tx *store.Tx, inst Instance, def *flow.Definition, st flow.State, t *flow.Task, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO process_tasks (instance_id, task_id, node, node_name, department, role, assignee, acting_for,
		candidates, status, limit_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		inst.ID, t.ID, t.Node, nodeName(def, st, t.Node), t.Department, t.Role, holder(t), t.ActingFor,
		strings.Join(t.Candidates, ","), t.Status, t.LimitDays, store.Micros(t.CreatedAt))
	if err != nil || t.Status != flow.TaskOpen {
		return err
	}
	if err := insertHolders(ctx, tx, inst.ID, t); err != nil {
		return err
	}
	return p.startClock(ctx, tx, inst, st, t, now)
}

// openTask opens a queued task: a sequential countersign party's turn.
func (p *Processes) openTask(ctx context.Context, tx *store.Tx, inst Instance, st flow.State, t *flow.Task, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE process_tasks SET status = ?, department = ?, role = ?, assignee = ?, acting_for = ?, candidates = ?,
		created_at = ?, closed_at = 0 WHERE instance_id = ? AND task_id = ?`,
		t.Status, t.Department, t.Role, holder(t), t.ActingFor, strings.Join(t.Candidates, ","), store.Micros(t.CreatedAt), inst.ID, t.ID)
	if err != nil {
		return err
	}
	if err := insertHolders(ctx, tx, inst.ID, t); err != nil {
		return err
	}
	if t.LimitDays <= 0 {
		return nil
	}
	if p.clocks == nil {
		return ErrNoClocks
	}
	if clk, _, err := p.clocks.Clock(ctx, tx, inst.Stream, StepPurpose(t.ID)); err == nil {
		return p.endPause(ctx, tx, inst, t, clk, now) // it had opened before
	}
	return p.startClock(ctx, tx, inst, st, t, now)
}

// startClock starts the clock of a task with a time limit, on the calendar of its
// department's region.
func (p *Processes) startClock(ctx context.Context, tx *store.Tx, inst Instance, st flow.State, t *flow.Task, now time.Time) error {
	if t.LimitDays <= 0 {
		return nil
	}
	if p.clocks == nil {
		return ErrNoClocks
	}
	dept, _, _ := strings.Cut(t.Department, ",")
	cal, err := p.calendarOf(ctx, tx, cmp.Or(dept, st.Departments.Lead, st.Departments.Item))
	if err != nil {
		return err
	}
	due, err := p.clocks.Start(ctx, tx, inst.Stream, StepPurpose(t.ID), workday.ClockFromDays(cal, now, t.LimitDays))
	if err != nil {
		return err
	}
	return setDue(ctx, tx, inst, t, due)
}

// noDue is the due_at of a task whose step has no running clock: last in the queues.
const noDue = int64(1<<63 - 1)

// setDue keeps the due instant of an open task's step clock on its row, which the
// queues sort by; zero (a paused clock) sorts last.
func setDue(ctx context.Context, tx *store.Tx, inst Instance, t *flow.Task, due time.Time) error {
	at := noDue
	if !due.IsZero() {
		at = store.Micros(due)
	}
	if _, err := tx.Exec(ctx, `UPDATE process_tasks SET due_at = ? WHERE instance_id = ? AND task_id = ?`, at, inst.ID, t.ID); err != nil {
		return err
	}
	if users, depts := extraHolders(t); len(users)+len(depts) == 0 {
		return nil // most tasks have no extra holders and cost no statement here
	}
	_, err := tx.Exec(ctx, `UPDATE process_task_holders SET due_at = ? WHERE instance_id = ? AND task_id = ?`, at, inst.ID, t.ID)
	return err
}

// resumeClock ends the open pause of a task's clock, if it has one.
func (p *Processes) resumeClock(ctx context.Context, tx *store.Tx, inst Instance, t *flow.Task, now time.Time) error {
	clk, _, err := p.clocks.Clock(ctx, tx, inst.Stream, StepPurpose(t.ID))
	if err != nil {
		return err
	}
	return p.endPause(ctx, tx, inst, t, clk, now)
}

// endPause ends the open pause of clk, the clock of t, if it has one.
func (p *Processes) endPause(ctx context.Context, tx *store.Tx, inst Instance, t *flow.Task, clk workday.Clock, now time.Time) error {
	n := len(clk.Pauses)
	if n == 0 || !clk.Pauses[n-1].To.IsZero() {
		return nil
	}
	clk.Pauses = slices.Clone(clk.Pauses)
	clk.Pauses[n-1].To = now
	due, err := p.clocks.Update(ctx, tx, inst.Stream, StepPurpose(t.ID), clk)
	if err != nil {
		return err
	}
	return setDue(ctx, tx, inst, t, due)
}

// pauseClock stops a task's clock counting from now, until resumeClock.
func (p *Processes) pauseClock(ctx context.Context, tx *store.Tx, inst Instance, t *flow.Task, now time.Time) error {
	clk, _, err := p.clocks.Clock(ctx, tx, inst.Stream, StepPurpose(t.ID))
	if err != nil {
		return err
	}
	if clk.Paused() {
		return nil
	}
	clk.Pauses = append(slices.Clone(clk.Pauses), workday.Pause{From: now, Reason: workday.PauseSuspension})
	if _, err = p.clocks.Update(ctx, tx, inst.Stream, StepPurpose(t.ID), clk); err != nil {
		return err
	}
	return setDue(ctx, tx, inst, t, time.Time{})
}

// closeTask closes the task that was o and is now t.
func (p *Processes) closeTask(ctx context.Context, tx *store.Tx, inst Instance, o, t *flow.Task, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE process_tasks SET status = ?, outcome = ?, done_by = ?, closed_at = ? WHERE instance_id = ? AND task_id = ?`,
		t.Status, t.Outcome, t.DoneBy, store.Micros(cmp.Or(t.DoneAt, now)), inst.ID, t.ID)
	if err != nil {
		return err
	}
	if err := deleteHolders(ctx, tx, inst.ID, o); err != nil {
		return err
	}
	if t.LimitDays <= 0 || p.clocks == nil {
		return nil
	}
	if t.Status != flow.TaskQueued {
		return p.clocks.Stop(ctx, tx, inst.Stream, StepPurpose(t.ID))
	}
	// Back in the queue: the time until the party's turn comes again does not count.
	return p.pauseClock(ctx, tx, inst, t, now)
}

// rehold moves an open task that was o to its new holders in t (claimed, transferred,
// reassigned).
func rehold(ctx context.Context, tx *store.Tx, inst Instance, o, t *flow.Task) error {
	if _, err := tx.Exec(ctx, `UPDATE process_tasks SET department = ?, role = ?, assignee = ?, acting_for = ?, candidates = ?
		WHERE instance_id = ? AND task_id = ?`,
		t.Department, t.Role, holder(t), t.ActingFor, strings.Join(t.Candidates, ","), inst.ID, t.ID); err != nil {
		return err
	}
	if err := deleteHolders(ctx, tx, inst.ID, o); err != nil {
		return err
	}
	return insertHolders(ctx, tx, inst.ID, t)
}

// extraHolders are who sees an open task beyond what its own row answers (the user it
// is with, in assignee, and its one department, in department — both indexed while the
// task is open): the absent user its holder acts for, each candidate of a task nobody
// has claimed, and each department of a task across several. Most tasks have none, and
// so cost the queues no statement when they open and close.
func extraHolders(t *flow.Task) (users, depts []string) {
	if h := holder(t); h != "" {
		if t.ActingFor != "" && t.ActingFor != h {
			users = []string{t.ActingFor}
		}
	} else {
		users = t.Candidates
	}
	if strings.Contains(t.Department, ",") {
		for d := range strings.SplitSeq(t.Department, ",") {
			if d != "" && !slices.Contains(depts, d) {
				depts = append(depts, d)
			}
		}
	}
	return users, depts
}

// deleteHolders removes the extra holders the open task o had.
func deleteHolders(ctx context.Context, tx *store.Tx, instanceID string, o *flow.Task) error {
	if users, depts := extraHolders(o); len(users)+len(depts) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `DELETE FROM process_task_holders WHERE instance_id = ? AND task_id = ?`, instanceID, o.ID)
	return err
}

// insertHolders writes, in one statement, the extra holders of an open task.
func insertHolders(ctx context.Context, tx *store.Tx, instanceID string, t *flow.Task) error {
	users, depts := extraHolders(t)
	if len(users)+len(depts) == 0 {
		return nil
	}
	var q strings.Builder
	// Each row carries its task's due_at (kept by setDue), so that a queue's extra
	// holders are read in its order from their own index.
	q.WriteString(`INSERT INTO process_task_holders (kind, holder, instance_id, task_id, due_at) VALUES `)
	args := make([]any, 0, 6*(len(users)+len(depts)))
	add := func(kind, h string) {
		if len(args) > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, (SELECT due_at FROM process_tasks WHERE instance_id = ? AND task_id = ?))")
		args = append(args, kind, h, instanceID, t.ID, instanceID, t.ID)
	}
	for _, u := range slices.Compact(slices.Sorted(slices.Values(users))) {
		add("u", u)
	}
	for _, d := range depts {
		add("d", d)
	}
	_, err := tx.Exec(ctx, q.String(), args...)
	return err
}

// holder is the one user an open task is with, if it is with one.
func holder(t *flow.Task) string { return cmp.Or(t.ClaimedBy, t.Assignee) }

func sameHolders(a, b *flow.Task) bool {
	return holder(a) == holder(b) && a.ActingFor == b.ActingFor && a.Department == b.Department &&
		a.Role == b.Role && slices.Equal(a.Candidates, b.Candidates)
}

// nodeName is the name of a node of the definition or of a step inserted in this case.
func nodeName(def *flow.Definition, st flow.State, id string) string {
	for _, n := range def.Nodes {
		if n.ID == id {
			return cmp.Or(n.Name, n.ID)
		}
	}
	for _, in := range st.Inserted {
		if in.Node.ID == id {
			return cmp.Or(in.Node.Name, id)
		}
	}
	return id
}

// calendarOf names the working-day calendar of a department: the one Clocks.ForRegion
// gives for its region, the national one for a department org does not know.
func (p *Processes) calendarOf(ctx context.Context, tx *store.Tx, deptCode string) (string, error) {
	if cal, ok := p.cals.get(deptCode); ok {
		return cal, nil
	}
	path := ""
	if deptCode != "" {
		o := p.org.In(tx)
		d, err := o.DepartmentByCode(ctx, deptCode)
		switch {
		case errors.Is(err, org.ErrNotFound):
		case err != nil:
			return "", err
		default:
			r, err := o.Region(ctx, d.RegionCode)
			if err != nil {
				return "", err
			}
			path = r.Path
		}
	}
	cal, err := p.clocks.ForRegion(ctx, tx, path)
	if err != nil {
		return "", err
	}
	p.cals.put(deptCode, cal)
	return cal, nil
}

// OpenTasksFor lists the open tasks in a user's queue: those with them, those they may
// claim as a holder of the role, and those their deputy handles for them; oldest first.
func (p *Processes) OpenTasksFor(ctx context.Context, username string) ([]TaskEntry, error) {
	return p.queue(ctx, "u", username)
}

// OpenTasksOfDepartment lists the open tasks of a department, oldest first.
func (p *Processes) OpenTasksOfDepartment(ctx context.Context, deptID int64) ([]TaskEntry, error) {
	d, err := p.org.Department(ctx, deptID)
	if errors.Is(err, org.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return p.queue(ctx, "d", d.Code)
}

const taskColumns = `t.instance_id, i.stream, i.process_key, i.process_version, i.status, t.task_id, t.node, t.node_name,
	t.department, t.role, t.assignee, t.acting_for, t.candidates, t.status, t.outcome, t.done_by, t.limit_days, t.created_at, t.closed_at, t.due_at`

// queue lists the open tasks of a user (kind "u") or a department ("d"): those whose
// row names them, and those listing them among the extra holders.
func (p *Processes) queue(ctx context.Context, kind, holder string) ([]TaskEntry, error) {
	column := "assignee"
	if kind == "d" {
		column = "department"
	}
	return queryTasks(ctx, p.db, `FROM process_tasks t JOIN process_instances i ON i.id = t.instance_id
		WHERE t.`+column+` = ? AND t.status = 'open'
		UNION SELECT `+taskColumns+` FROM process_task_holders h
		JOIN process_tasks t ON t.instance_id = h.instance_id AND t.task_id = h.task_id
		JOIN process_instances i ON i.id = t.instance_id
		WHERE h.kind = ? AND h.holder = ? AND t.status = 'open' ORDER BY created_at, instance_id, task_id`, holder, kind, holder)
}

// Tasks lists every task an instance has had, in the order they were made.
func (p *Processes) Tasks(ctx context.Context, instanceID string) ([]TaskEntry, error) {
	return queryTasks(ctx, p.db, `FROM process_tasks t JOIN process_instances i ON i.id = t.instance_id
		WHERE t.instance_id = ? ORDER BY t.created_at, LENGTH(t.task_id), t.task_id`, instanceID)
}

func queryTasks(ctx context.Context, q store.Querier, tail string, args ...any) ([]TaskEntry, error) {
	rows, err := q.Query(ctx, `SELECT `+taskColumns+` `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("process: unable to read tasks: %w", err)
	}
	defer rows.Close()
	var out []TaskEntry
	for rows.Next() {
		var (
			e                    TaskEntry
			cands                string
			created, closed, due int64
		)
		if err := rows.Scan(&e.InstanceID, &e.Stream, &e.DefinitionKey, &e.DefinitionVersion, &e.InstanceStatus, &e.TaskID, &e.Node, &e.NodeName,
			&e.Department, &e.Role, &e.Assignee, &e.ActingFor, &cands, &e.Status, &e.Outcome, &e.DoneBy, &e.LimitDays, &created, &closed, &due); err != nil {
			return nil, err
		}
		if cands != "" {
			e.Candidates = strings.Split(cands, ",")
		}
		e.CreatedAt, e.ClosedAt = store.FromMicros(created), store.FromMicros(closed)
		if due != noDue {
			e.Due = store.FromMicros(due)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
