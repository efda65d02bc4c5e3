package process

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// QueueFilter narrows a work queue. Every page of a queue is read in the order of an
// index — (due_at, instance_id, task_id) for open tasks, (closed_at, …) newest first for
// done ones — from the position After names, so that a page costs the same whatever the
// queue's length and a task that moves meanwhile is neither shown twice nor skipped.
type QueueFilter struct {
	Node      string    // the step's name (办理环节); "" for every step
	Number    string    // a case number, or the start of one
	Instances []string  // only these instances (the caller's item or applicant search); nil for all
	DueBefore time.Time // only tasks whose step is due before this instant (due soon, overdue)
	After     string    // the cursor of the last row of the previous page; "" for the first page
	Limit     int       // rows per page; 0 for DefaultPageSize
}

// DefaultPageSize and MaxPageSize bound a page of a queue.
const (
	DefaultPageSize = 40
	MaxPageSize     = 200
)

// TaskPage is one page of a queue: its rows, how many the whole queue holds under the
// filter, and the cursor of the next page ("" on the last).
type TaskPage struct {
	Tasks []TaskEntry
	Total int
	More  bool // open queues: the queue holds more than Total (keyset.CountCap)
	Next  string
}

// ErrBadCursor refuses a cursor this package did not hand out.
var ErrBadCursor = refuse.Field("process: the page cursor is not valid", "after", "task.error.cursor")

// Queue is one page of a user's to-do (待办): the open tasks with them, those they may
// claim, and those they stand in for; the soonest due first, those without a clock last.
func (p *Processes) Queue(ctx context.Context, username string, f QueueFilter) (TaskPage, error) {
	return p.openPage(ctx, "u", "assignee", username, f)
}

// DepartmentQueue is one page of a department's open tasks (the department's open
// cases, as its head sees them), in the order of Queue.
func (p *Processes) DepartmentQueue(ctx context.Context, deptID int64, f QueueFilter) (TaskPage, error) {
	d, err := p.org.Department(ctx, deptID)
	if errors.Is(err, org.ErrNotFound) {
		return TaskPage{}, ErrNotFound
	}
	if err != nil {
		return TaskPage{}, err
	}
	return p.openPage(ctx, "d", "department", d.Code, f)
}

// openPage reads the open tasks whose row names holder in column, or that list holder
// among their extra holders of kind.
func (p *Processes) openPage(ctx context.Context, kind, column, holder string, f QueueFilter) (TaskPage, error) {
	where, args := f.conditions()
	after, afterArgs, err := keysetAfter(f.After, "t.due_at", ">")
	if err != nil {
		return TaskPage{}, err
	}
	// The two halves — tasks whose row names the holder, tasks listing it among their
	// extra holders — never share a task (an extra holder is never the one its row
	// names), so the total is the sum of their counts, each stopped at
	// keyset.CountCap, and the union needs no dedup. Each half is read in its own
	// order after the cursor and cut at the page's length, so the union sorts at most
	// two pages, never the queue.
	own := `FROM process_tasks t WHERE t.` + column + ` = ? AND t.status = 'open'` + where
	extraHalf := `FROM process_task_holders h JOIN process_tasks t ON t.instance_id = h.instance_id AND t.task_id = h.task_id
		WHERE h.kind = ? AND h.holder = ? AND t.status = 'open'` + where
	ownArgs := append([]any{holder}, args...)
	extraArgs := append([]any{kind, holder}, args...)
	var page TaskPage
	var nOwn, nExtra int
	// Extra holders exist only while their task is open: unfiltered, they are
	// counted from their own index without reading the tasks.
	extraCount := extraHalf[len("FROM "):]
	if where == "" {
		extraCount = `process_task_holders h WHERE h.kind = ? AND h.holder = ?`
	}
	if err := p.db.QueryRow(ctx, `SELECT (`+keyset.CountSQL(`process_tasks t WHERE t.`+column+` = ? AND t.status = 'open'`+where)+`), (`+
		keyset.CountSQL(extraCount)+`)`, append(append(append(ownArgs, keyset.CountLimit), extraArgs...), keyset.CountLimit)...).
		Scan(&nOwn, &nExtra); err != nil {
		return page, fmt.Errorf("process: unable to count the queue: %w", err)
	}
	page.Total, page.More = keyset.Capped(nOwn + nExtra)
	limit := f.limit()
	extraAfter, _, _ := keysetAfterIn(f.After, "h")
	half := func(from, after, x string) string {
		return `SELECT ` + taskColumns + ` FROM (SELECT t.instance_id AS page_instance, t.task_id AS page_task ` + from + after +
			` ORDER BY ` + x + `.due_at, ` + x + `.instance_id, ` + x + `.task_id LIMIT ?) h
			JOIN process_tasks t ON t.instance_id = h.page_instance AND t.task_id = h.page_task JOIN process_instances i ON i.id = t.instance_id`
	}
	qa := append(append(append(ownArgs, afterArgs...), limit+1), extraArgs...)
	qa = append(append(qa, afterArgs...), limit+1, limit+1)
	first := strings.TrimPrefix(half(own, after, "t"), `SELECT `+taskColumns+` `) // queryTasks writes the SELECT
	page.Tasks, err = queryTasks(ctx, p.db, first+` UNION ALL `+half(extraHalf, extraAfter, "h")+` ORDER BY due_at, instance_id, task_id LIMIT ?`, qa...)
	if err != nil {
		return page, err
	}
	if len(page.Tasks) > limit {
		page.Tasks = page.Tasks[:limit]
		last := page.Tasks[limit-1]
		due := noDue
		if !last.Due.IsZero() {
			due = store.Micros(last.Due)
		}
		page.Next = encodeCursor(due, last.InstanceID, last.TaskID)
	}
	return page, nil
}

// Done is one page of the tasks a user has completed (已办), the latest first.
func (p *Processes) Done(ctx context.Context, username string, f QueueFilter) (TaskPage, error) {
	where, args := f.conditions()
	after, afterArgs, err := keysetAfter(f.After, "t.closed_at", "<")
	if err != nil {
		return TaskPage{}, err
	}
	q := `FROM process_tasks t JOIN process_instances i ON i.id = t.instance_id
		WHERE t.done_by = ? AND t.status = 'completed'` + where
	var page TaskPage
	all := append([]any{username}, args...)
	if err := p.db.QueryRow(ctx, `SELECT COUNT(*) `+q, all...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("process: unable to count the done list: %w", err)
	}
	limit := f.limit()
	page.Tasks, err = queryTasks(ctx, p.db, q+after+` ORDER BY t.closed_at DESC, t.instance_id DESC, t.task_id DESC LIMIT ?`,
		append(append(all, afterArgs...), limit+1)...)
	if err != nil {
		return page, err
	}
	if len(page.Tasks) > limit {
		page.Tasks = page.Tasks[:limit]
		last := page.Tasks[limit-1]
		page.Next = encodeCursor(store.Micros(last.ClosedAt), last.InstanceID, last.TaskID)
	}
	return page, nil
}

func (f QueueFilter) limit() int {
	switch {
	case f.Limit <= 0:
		return DefaultPageSize
	case f.Limit > MaxPageSize:
		return MaxPageSize
	}
	return f.Limit
}

// conditions are the filter's SQL conditions on t, each starting with AND.
func (f QueueFilter) conditions() (string, []any) {
	var b strings.Builder
	var args []any
	if f.Node != "" {
		b.WriteString(` AND t.node_name = ?`)
		args = append(args, f.Node)
	}
	if f.Number != "" {
		b.WriteString(` AND t.instance_id LIKE ? ESCAPE '\'`)
		args = append(args, likePrefix(f.Number))
	}
	if !f.DueBefore.IsZero() {
		b.WriteString(` AND t.due_at < ?`)
		args = append(args, store.Micros(f.DueBefore))
	}
	if f.Instances != nil {
		if len(f.Instances) == 0 {
			b.WriteString(` AND 1 = 0`)
		} else {
			b.WriteString(` AND t.instance_id IN (?` + strings.Repeat(", ?", len(f.Instances)-1) + `)`)
			for _, id := range f.Instances {
				args = append(args, id)
			}
		}
	}
	return b.String(), args
}

// likePrefix escapes a LIKE pattern's wildcards in s and matches what starts with it.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + `%`
}

// keysetAfter turns a cursor into the condition "after this row" in the order of
// column, instance_id, task_id (op ">" ascending, "<" descending).
func keysetAfter(cursor, column, op string) (string, []any, error) {
	if cursor == "" {
		return "", nil, nil
	}
	at, inst, task, err := decodeCursor(cursor)
	if err != nil {
		return "", nil, err
	}
	return ` AND (` + column + `, t.instance_id, t.task_id) ` + op + ` (?, ?, ?)`, []any{at, inst, task}, nil
}

// keysetAfterIn is keysetAfter on the due_at, instance_id and task_id of the table
// aliased x, ascending: the extra holders carry them too.
func keysetAfterIn(cursor, x string) (string, []any, error) {
	if cursor == "" {
		return "", nil, nil
	}
	at, inst, task, err := decodeCursor(cursor)
	if err != nil {
		return "", nil, err
	}
	return ` AND (` + x + `.due_at, ` + x + `.instance_id, ` + x + `.task_id) > (?, ?, ?)`, []any{at, inst, task}, nil
}

// A cursor is the sort key of the last row shown, opaque to callers.
func encodeCursor(at int64, instance, task string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at, 10) + "\x00" + instance + "\x00" + task))
}

func decodeCursor(c string) (int64, string, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", "", ErrBadCursor
	}
	parts := strings.Split(string(b), "\x00")
	if len(parts) != 3 {
		return 0, "", "", ErrBadCursor
	}
	at, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return 0, "", "", ErrBadCursor
	}
	return at, parts[1], parts[2], nil
}
