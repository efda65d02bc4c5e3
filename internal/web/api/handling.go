package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
)

// Handling a case (special procedures, extensions, fees and payments):
// one file per action, case_special_start.go and the rest. casework
// decides who may; these read the request and answer.

// requireWriter answers 403 to a user who may change nothing (a
// supervisor), before anything else is read: every staff write passes
// auth.CanWrite.
func (h *Handler) requireWriter(next func(http.ResponseWriter, *http.Request, org.User)) http.HandlerFunc {
	return h.requireUser(func(w http.ResponseWriter, r *http.Request, u org.User) {
		if !auth.CanWrite(u) {
			Error(w, http.StatusForbidden, "forbidden", h.t(r, "handling.api.read_only"))
			return
		}
		next(w, r, u)
	})
}

// caseBody reads the case number from the path and the JSON body into v,
// answering what is wrong with either; ok is false when it answered.
func (h *Handler) caseBody(w http.ResponseWriter, r *http.Request, v any) (casework.Number, bool) {
	n, err := apply.CaseNumber(r)
	if h.refused(w, r, err) {
		return "", false
	}
	if key, detail := decodeJSON(r, v); key != "" {
		h.badJSON(w, r, key, detail)
		return "", false
	}
	return n, true
}

// pathID reads a numeric id from the path; a malformed one names nothing.
func (h *Handler) pathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		h.notFound(w, r)
		return 0, false
	}
	return id, true
}

type specialJSON struct {
	ID           int64      `json:"id"`
	Kind         string     `json:"kind"`
	ExpectedDays int        `json:"expected_days"`
	Reason       string     `json:"reason"`
	StartedAt    time.Time  `json:"started_at"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	Result       string     `json:"result,omitempty"`
	SpentDays    int        `json:"spent_days"`
}

func specialOf(s casework.Special) specialJSON {
	return specialJSON{ID: s.ID, Kind: string(s.Kind), ExpectedDays: s.ExpectedDays, Reason: s.Reason,
		StartedAt: s.StartedAt, EndedAt: optional(s.EndedAt), Result: s.Result, SpentDays: s.SpentDays}
}

type extensionJSON struct {
	ID          int64      `json:"id"`
	Days        int        `json:"days"`
	Reason      string     `json:"reason"`
	Status      string     `json:"status"`
	RequestedAt time.Time  `json:"requested_at"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	Note        string     `json:"note,omitempty"`
}

func extensionOf(e casework.Extension) extensionJSON {
	return extensionJSON{ID: e.ID, Days: e.Days, Reason: e.Reason, Status: string(e.Status),
		RequestedAt: e.RequestedAt, DecidedAt: optional(e.DecidedAt), Note: e.Note}
}

type feeJSON struct {
	Name      string `json:"name"`
	AmountFen int64  `json:"amount_fen"`
	Basis     string `json:"basis,omitempty"`
}

type assessmentJSON struct {
	ID           int64      `json:"id"`
	Fees         []feeJSON  `json:"fees"`
	TotalFen     int64      `json:"total_fen"`
	PayDays      int        `json:"pay_days"`
	PayDue       *time.Time `json:"pay_due,omitempty"`
	RefuseUnpaid bool       `json:"refuse_unpaid"`
	Status       string     `json:"status"`
	PaidAt       *time.Time `json:"paid_at,omitempty"`
	Reference    string     `json:"reference,omitempty"`
}

func assessmentOf(a casework.Assessment) assessmentJSON {
	out := assessmentJSON{ID: a.ID, Fees: []feeJSON{}, TotalFen: a.TotalFen, PayDays: a.PayDays, PayDue: optional(a.PayDue),
		RefuseUnpaid: a.RefuseUnpaid, Status: string(a.Status), PaidAt: optional(a.PaidAt), Reference: a.Reference}
	for _, l := range a.Lines {
		out.Fees = append(out.Fees, feeJSON(l))
	}
	return out
}

// optional is a time that may not have happened yet: absent from the JSON
// then.
func optional(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
