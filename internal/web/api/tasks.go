package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/request"
)

// apiTaskJSON is one task as the API shows it. Its id names the case and the
// task (CASE_NUMBER.TASK), so that a department system acts on it by id alone.
type apiTaskJSON struct {
	ID         string     `json:"id"`
	Case       string     `json:"case"`
	Step       string     `json:"step"`
	Node       string     `json:"node"`
	Status     string     `json:"status"`
	Assignee   string     `json:"assignee,omitempty"`
	Candidates []string   `json:"candidates,omitempty"`
	Claimable  bool       `json:"claimable"`
	Item       string     `json:"item,omitempty"`
	ItemName   string     `json:"item_name,omitempty"`
	Applicant  string     `json:"applicant,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	Due        *time.Time `json:"due,omitempty"`
	// RemainingWorkdays counts the working days left to the step's limit
	// (剩余 N 个工作日), negative when it is overdue (超期); absent when the
	// step has no limit or its clock is paused.
	RemainingWorkdays *int `json:"remaining_workdays,omitempty"`
	Paused            bool `json:"paused,omitempty"`
}

// taskID is the API's id of a task: the case number and the task's id in it.
func taskID(number, task string) string { return number + "." + task }

// parseTaskID splits an API task id; anything else names no task.
func parseTaskID(id string) (casework.Number, string, error) {
	number, task, ok := strings.Cut(id, ".")
	n, err := casework.ParseNumber(number)
	if !ok || err != nil || task == "" {
		return "", "", tasks.ErrNotFound
	}
	return n, task, nil
}

func taskOf(e process.TaskEntry, clk *deadline.ClockState) apiTaskJSON {
	out := apiTaskJSON{ID: taskID(e.InstanceID, e.TaskID), Case: e.InstanceID, Step: e.NodeName, Node: e.Node, Status: e.Status,
		Assignee: e.Assignee, Candidates: e.Candidates, CreatedAt: e.CreatedAt.UTC()}
	if clk == nil {
		return out
	}
	out.Paused = clk.Paused
	if clk.Paused || clk.Due.IsZero() {
		return out
	}
	due := clk.Due.UTC()
	days := clk.Remaining.Days
	if clk.Late {
		days = -max(clk.Overdue.Days, 1)
	}
	out.Due, out.RemainingWorkdays = &due, &days
	return out
}

// taskList is the caller's to-do (待办), a page at a time, soonest due first:
// GET /api/v1/tasks. Staff only; anyone else has no to-do and gets 403.
func (h *Handler) taskList(w http.ResponseWriter, r *http.Request, u org.User) {
	q := r.URL.Query()
	f := tasks.Filter{View: tasks.ToDo, After: q.Get("cursor")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxTaskPage {
			Error(w, http.StatusUnprocessableEntity, "invalid", h.msgs.T(request.From(r).Lang, "page.limit", map[string]any{"Max": maxTaskPage}), "limit")
			return
		}
		f.Limit = n
	}
	page, err := h.tasks.List(r.Context(), u, f)
	if errors.Is(err, tasks.ErrNotFound) {
		Error(w, http.StatusForbidden, "forbidden", h.t(r, "api.staff_only"))
		return
	}
	if h.refused(w, r, err) {
		return
	}
	out := make([]apiTaskJSON, 0, len(page.Rows))
	for _, row := range page.Rows {
		t := taskOf(row.TaskEntry, row.Clock)
		t.Claimable, t.Item, t.ItemName, t.Applicant = row.Claimable, row.Case.ItemCode, row.Case.ItemName, row.Applicant
		out = append(out, t)
	}
	body := map[string]any{"tasks": out, "count": len(out), "total": page.Total}
	if page.Next != "" {
		body["next_cursor"] = page.Next
	}
	writeJSON(w, http.StatusOK, body)
}

// maxTaskPage is the largest page of tasks the API gives.
const maxTaskPage = 100
