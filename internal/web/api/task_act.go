package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/request"
)

// taskActBody is what the actions on a task take; each reads its own fields
// (complete: outcome and opinion; return: reason and to_node; transfer:
// to_user and reason; claim: nothing).
type taskActBody struct {
	Outcome string `json:"outcome"`
	Opinion string `json:"opinion"`
	Reason  string `json:"reason"`
	ToNode  string `json:"to_node"`
	ToUser  string `json:"to_user"`
}

// taskAct does one action on a task: POST /api/v1/tasks/{id}/complete,
// /claim, /return, /transfer. tasks.Act decides who may (the task's holder or
// their deputy, staff of its department; a supervisor is refused as read
// only) and checks the opinion and the reasons; a task the caller may not
// see is not found. The request's id (its Idempotency-Key when given) makes a
// request sent twice act once. It answers the task as it stands after.
func (h *Handler) taskAct(kind tasks.Kind) func(http.ResponseWriter, *http.Request, org.User) {
	return func(w http.ResponseWriter, r *http.Request, u org.User) {
		n, task, err := parseTaskID(r.PathValue("id"))
		if h.refused(w, r, err) {
			return
		}
		var body taskActBody
		if r.ContentLength != 0 {
			if key, detail := decodeJSON(r, &body); key != "" {
				h.badJSON(w, r, key, detail)
				return
			}
		}
		a := tasks.Action{Kind: kind, Case: n, TaskID: task, Outcome: body.Outcome, Opinion: body.Opinion,
			Reason: body.Reason, ToNode: body.ToNode, ToUser: body.ToUser}
		// Without a key each request is its own (the request's id).
		a.RequestID = "api:" + request.From(r).ID
		if key := r.Header.Get("Idempotency-Key"); key != "" {
			a.RequestID = "api:" + u.Username + ":" + key + ":" + string(kind) + ":" + task
		}
		st, err := h.tasks.Act(r.Context(), u, a)
		if h.refused(w, r, err) {
			return
		}
		for _, t := range st.Tasks {
			if t.ID == task {
				writeJSON(w, http.StatusOK, map[string]any{"id": taskID(string(n), task), "case": string(n), "status": t.Status,
					"outcome": t.Outcome, "case_status": st.Status})
				return
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": taskID(string(n), task), "case": string(n), "case_status": st.Status})
	}
}
