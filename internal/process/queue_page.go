package process

import (
	"context"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// queueOrder is a work queue's order, oldest task first, by the indexes
// process_tasks_open_assignee_page and process_tasks_open_department_page.
// queueOwn and queueExtra are the same order inside each half: the task rows
// and the extra holders (process_task_holders_page).
var (
	queueOrder = keyset.Order{Columns: []string{"created_at", "instance_id", "task_id"}}
	queueOwn   = keyset.Order{Columns: []string{"t.created_at", "t.instance_id", "t.task_id"}}
	queueExtra = keyset.Order{Columns: []string{"h.created_at", "h.instance_id", "h.task_id"}}
)

// QueueOrderColumns is how many values a cursor of a queue's page holds.
const QueueOrderColumns = 3

// OpenTasksForPage is a page of OpenTasksFor: a user's queue, oldest first.
func (p *Processes) OpenTasksForPage(ctx context.Context, username string, req keyset.Request) (keyset.Page[TaskEntry], error) {
	return p.queuePage(ctx, "u", username, req)
}

// OpenTasksOfDepartmentPage is a page of OpenTasksOfDepartment: the open
// tasks of a department, oldest first.
func (p *Processes) OpenTasksOfDepartmentPage(ctx context.Context, deptID int64, req keyset.Request) (keyset.Page[TaskEntry], error) {
	d, err := p.org.Department(ctx, deptID)
	if errors.Is(err, org.ErrNotFound) {
		return keyset.Page[TaskEntry]{}, ErrNotFound
	}
	if err != nil {
		return keyset.Page[TaskEntry]{}, err
	}
	return p.queuePage(ctx, "d", d.Code, req)
}

// queuePage reads a page of a queue (see queue). Each of its two halves —
// the tasks whose row names the holder, and those listing it among the
// extra holders — is read from its index after the cursor and cut at the
// page's length, so the union sorts at most two pages, not the queue.
func (p *Processes) queuePage(ctx context.Context, kind, holder string, req keyset.Request) (keyset.Page[TaskEntry], error) {
	column := "assignee"
	if kind == "d" {
		column = "department"
	}
	// The halves never share a task (an extra holder is never the one its
	// row names), so the total is their sum and the union needs no dedup.
	var own, extra int
	if err := p.db.QueryRow(ctx, `SELECT (`+keyset.CountSQL(`process_tasks WHERE `+column+` = ? AND status = 'open'`)+`),
		(`+keyset.CountSQL(`process_task_holders WHERE kind = ? AND holder = ?`)+`)`,
		holder, keyset.CountLimit, kind, holder, keyset.CountLimit).Scan(&own, &extra); err != nil {
		return keyset.Page[TaskEntry]{}, fmt.Errorf("process: unable to count a queue: %w", err)
	}
	ownAfter, afterArgs := queueOwn.After(req.After)
	extraAfter, _ := queueExtra.After(req.After)
	limit := keyset.Limit(req)
	args := append(append([]any{holder}, afterArgs...), limit, kind, holder)
	args = append(append(args, afterArgs...), limit, limit)
	rows, err := queryTasks(ctx, p.db, `FROM (SELECT t.instance_id AS page_instance, t.task_id AS page_task FROM process_tasks t
		WHERE t.`+column+` = ? AND t.status = 'open' AND `+ownAfter+` ORDER BY `+queueOwn.By()+` LIMIT ?) a
		JOIN process_tasks t ON t.instance_id = a.page_instance AND t.task_id = a.page_task JOIN process_instances i ON i.id = t.instance_id
		UNION ALL SELECT `+taskColumns+` FROM (SELECT h.instance_id AS page_instance, h.task_id AS page_task FROM process_task_holders h
		WHERE h.kind = ? AND h.holder = ? AND `+extraAfter+` ORDER BY `+queueExtra.By()+` LIMIT ?) b
		JOIN process_tasks t ON t.instance_id = b.page_instance AND t.task_id = b.page_task JOIN process_instances i ON i.id = t.instance_id
		ORDER BY `+queueOrder.By()+` LIMIT ?`, args...)
	if err != nil {
		return keyset.Page[TaskEntry]{}, err
	}
	return keyset.Trim(rows, req, own+extra, func(e TaskEntry) []any {
		return []any{store.Micros(e.CreatedAt), e.InstanceID, e.TaskID}
	}), nil
}
