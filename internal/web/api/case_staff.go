package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// The clocks a case's answer names at the top: the decision on acceptance
// and the promised limit of the decision (casework's purposes).
const (
	clockAcceptance = "acceptance"
	clockDecision   = "decision"
)

// apiStaffCaseJSON is a case as staff and supervisors read it: the case, the
// applicant's name, its clocks, its open tasks and its opinions.
type apiStaffCaseJSON struct {
	apiCaseJSON
	Applicant     string            `json:"applicant"`
	DecisionDue   *time.Time        `json:"decision_due,omitempty"`
	Clocks        []apiClockJSON    `json:"clocks"`
	OpenTasks     []apiTaskJSON     `json:"open_tasks"`
	Opinions      []apiOpinionJSON  `json:"opinions"`
	ReadOnly      bool              `json:"read_only"`
	ProcessStatus string            `json:"process_status,omitempty"`
	Names         map[string]string `json:"names,omitempty"`
}

// apiClockJSON is one time limit of a case: due (absent while paused),
// whether it runs, and working days left (negative when overdue).
type apiClockJSON struct {
	Purpose           string     `json:"purpose"`
	Running           bool       `json:"running"`
	Paused            bool       `json:"paused"`
	Due               *time.Time `json:"due,omitempty"`
	RemainingWorkdays *int       `json:"remaining_workdays,omitempty"`
}

// apiOpinionJSON is one opinion (意见), signed under its author's name; a
// correction supersedes an earlier one only once consented, and both stay.
type apiOpinionJSON struct {
	Task       string    `json:"task"`
	Step       string    `json:"step"`
	Author     string    `json:"author"`
	ActingFor  string    `json:"acting_for,omitempty"`
	Outcome    string    `json:"outcome,omitempty"`
	Text       string    `json:"text"`
	Correction int64     `json:"correction,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Status     string    `json:"status"`
	At         time.Time `json:"at"`
}

// caseStaff answers a case to staff and supervisors through tasks.Case, which
// decides who may read it: staff of its department or on its tasks, a
// supervisor of its region's subtree. Anyone else, a county supervisor on a
// sibling county's case included, gets not found.
func (h *Handler) caseStaff(w http.ResponseWriter, r *http.Request, u org.User, n casework.Number) {
	if h.tasks == nil {
		h.refused(w, r, casework.ErrNotFound)
		return
	}
	v, err := h.tasks.Case(r.Context(), u, n)
	if h.refused(w, r, err) {
		return
	}
	out := apiStaffCaseJSON{apiCaseJSON: h.caseOf(r.Context(), v.Case, true), Applicant: v.Applicant, ReadOnly: v.ReadOnly,
		Names: v.Names, Clocks: []apiClockJSON{}, OpenTasks: []apiTaskJSON{}, Opinions: []apiOpinionJSON{}}
	if v.Instance != nil {
		out.ProcessStatus = string(v.Instance.State.Status)
	}
	for key, st := range v.Clocks {
		if key.Owner != casework.Stream(n) || strings.HasPrefix(key.Purpose, process.StepPurpose("")) {
			continue // the steps' clocks are the open tasks'
		}
		c := apiClockJSON{Purpose: key.Purpose, Running: st.Running, Paused: st.Paused}
		if !st.Paused && !st.Due.IsZero() {
			due := st.Due.UTC()
			days := st.Remaining.Days
			if st.Late {
				days = -max(st.Overdue.Days, 1)
			}
			c.Due, c.RemainingWorkdays = &due, &days
		}
		switch key.Purpose {
		case clockAcceptance:
			out.AcceptanceDue = c.Due
		case clockDecision:
			out.DecisionDue = c.Due
		}
		out.Clocks = append(out.Clocks, c)
	}
	slices.SortFunc(out.Clocks, func(a, b apiClockJSON) int { return strings.Compare(a.Purpose, b.Purpose) })
	for _, t := range v.Tasks {
		if t.Status != "open" {
			continue
		}
		var clk *deadline.ClockState
		if st, ok := v.Clocks[deadline.ClockKey{Owner: casework.Stream(n), Purpose: process.StepPurpose(t.TaskID)}]; ok {
			clk = &st
		}
		out.OpenTasks = append(out.OpenTasks, taskOf(t, clk))
	}
	for _, o := range v.Opinions {
		out.Opinions = append(out.Opinions, apiOpinionJSON{Task: taskID(string(n), o.TaskID), Step: o.Step, Author: o.Author,
			ActingFor: o.ActingFor, Outcome: o.Outcome, Text: o.Text, Correction: o.Correction, Reason: o.Reason, Status: o.Status, At: o.At.UTC()})
	}
	writeJSON(w, http.StatusOK, out)
}
