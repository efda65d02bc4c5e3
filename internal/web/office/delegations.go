package office

import (
	"errors"
	"net/http"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/staffnames"
	"github.com/shenpi/shenpi/internal/workday"
)

// delegationRow is a delegation as the page shows it: whole days, the end inclusive.
type delegationRow struct {
	process.Delegation
	FromDay, ToDay string
	State          string // upcoming, active, over
	CanEnd         bool
	Other, EndedBy string // the other party and who ended it, by name
}

// delegationSection is one table of the page: the delegations given, or received.
type delegationSection struct {
	Title, Other string // message keys
	Rows         []delegationRow
}

type delegationsPage struct {
	Sections   []delegationSection
	Colleagues []org.User
}

func (h *Handler) delegations(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	today := h.Now().In(page.Zone).Format(time.DateOnly)
	v.Form.Set("from", today)
	v.Form.Set("to", today)
	h.delegationsPage(w, r, u, v, http.StatusOK)
}

func (h *Handler) delegationsPage(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	if !auth.CanDelegate(u) {
		h.pages.Forbidden(w, r)
		return
	}
	ctx := r.Context()
	dels, err := h.Processes.DelegationsOf(ctx, u.Username)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	staff, err := h.Org.Users(ctx, org.UserFilter{DepartmentID: u.DepartmentID})
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	d := delegationsPage{Sections: []delegationSection{
		{Title: "flow.delegation.given", Other: "flow.delegation.deputy"},
		{Title: "flow.delegation.received", Other: "flow.delegation.delegator"},
	}}
	for _, c := range staff {
		if c.Username != u.Username && !c.Disabled && c.Role.IsStaff() {
			d.Colleagues = append(d.Colleagues, c)
		}
	}
	var people []string
	for _, del := range dels {
		people = append(people, del.User, del.Deputy, del.EndedBy)
	}
	names, err := staffnames.Load(ctx, h.Org, people...)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	now := h.Now()
	for _, del := range dels {
		row := delegationRow{Delegation: del, FromDay: del.From.In(page.Zone).Format(time.DateOnly),
			ToDay: del.To.Add(-time.Nanosecond).In(page.Zone).Format(time.DateOnly), State: "active"}
		switch {
		case del.Over(now):
			row.State = "over"
		case now.Before(del.From):
			row.State = "upcoming"
		}
		row.CanEnd = row.State != "over" && auth.CanEndDelegation(u, del.User)
		row.Other = names.Of(del.Deputy)
		if del.EndedBy != "" {
			row.EndedBy = names.Of(del.EndedBy)
		}
		i := 0
		if del.User != u.Username {
			i = 1
			row.Other = names.Of(del.User)
		}
		d.Sections[i].Rows = append(d.Sections[i].Rows, row)
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.flowDelegations, v)
}

// delegationCreate names a deputy for whole days, the end day included; process asks
// auth whether the user may. A date that is no date is refused before it.
func (h *Handler) delegationCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "deputy", "from", "to", "reason")
	del := process.Delegation{Deputy: v.Value("deputy"), Reason: v.Value("reason")}
	from, errFrom := workday.ParseDate(v.Value("from"))
	to, errTo := workday.ParseDate(v.Value("to"))
	switch {
	case errFrom != nil:
		v.Errors["from"] = "flow.delegation.date"
	case errTo != nil:
		v.Errors["to"] = "flow.delegation.date"
	default:
		del.From, del.To = from.In(page.Zone), to.AddDays(1).In(page.Zone)
	}
	if len(v.Errors) > 0 {
		h.delegationsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	_, err := h.Processes.Delegate(r.Context(), u, del)
	var inv *process.InvalidError
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
		h.delegationsPage(w, r, u, v, http.StatusUnprocessableEntity)
	case err != nil:
		h.pages.Refused(w, r, err)
	default:
		h.pages.Redirect(w, r, "/delegations", "flow.delegation.created")
	}
}
