package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/workday"
)

// flowZone is where the process pages show instants and where delegation dates are
// days: China has one time zone and no daylight saving.
var flowZone = time.FixedZone("CST", 8*60*60)

// delegationRow is a delegation as the page shows it: whole days, the end inclusive.
type delegationRow struct {
	process.Delegation
	FromDay, ToDay string
	State          string // upcoming, active, over
	CanEnd         bool
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

func (s *Server) delegations(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	today := s.cfg.Now().In(flowZone).Format(time.DateOnly)
	v.Form.Set("from", today)
	v.Form.Set("to", today)
	s.delegationsPage(w, r, u, v, http.StatusOK)
}

func (s *Server) delegationsPage(w http.ResponseWriter, r *http.Request, u org.User, v *view, status int) {
	if !auth.CanDelegate(u) {
		s.forbidden(w, r)
		return
	}
	ctx := r.Context()
	dels, err := s.processes().DelegationsOf(ctx, u.Username)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	staff, err := s.cfg.Org.Users(ctx, org.UserFilter{DepartmentID: u.DepartmentID})
	if err != nil {
		s.internalError(w, r, err)
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
	now := s.cfg.Now()
	for _, del := range dels {
		row := delegationRow{Delegation: del, FromDay: del.From.In(flowZone).Format(time.DateOnly),
			ToDay: del.To.Add(-time.Nanosecond).In(flowZone).Format(time.DateOnly), State: "active"}
		switch {
		case del.Over(now):
			row.State = "over"
		case now.Before(del.From):
			row.State = "upcoming"
		}
		row.CanEnd = row.State != "over" && auth.CanEndDelegation(u, del.User)
		i := 0
		if del.User != u.Username {
			i = 1
		}
		d.Sections[i].Rows = append(d.Sections[i].Rows, row)
	}
	v.Data = d
	s.render(w, r, status, "flow_delegations", v)
}

// delegationCreate names a deputy for whole days, the end day included.
func (s *Server) delegationCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, "deputy", "from", "to", "reason")
	if !auth.CanDelegate(u) {
		s.forbidden(w, r)
		return
	}
	del := process.Delegation{User: u.Username, Deputy: v.Value("deputy"), Reason: v.Value("reason")}
	from, errFrom := workday.ParseDate(v.Value("from"))
	to, errTo := workday.ParseDate(v.Value("to"))
	switch {
	case errFrom != nil:
		v.Errors["from"] = "flow.delegation.date"
	case errTo != nil:
		v.Errors["to"] = "flow.delegation.date"
	default:
		del.From, del.To = from.In(flowZone), to.AddDays(1).In(flowZone)
	}
	if len(v.Errors) > 0 {
		s.delegationsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	_, err := s.processes().Delegate(r.Context(), u.Username, del)
	var inv *process.InvalidError
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
		s.delegationsPage(w, r, u, v, http.StatusUnprocessableEntity)
	case err != nil:
		s.internalError(w, r, err)
	default:
		s.redirect(w, r, "/delegations", "flow.delegation.created")
	}
}

// delegationEnd ends one of the user's own delegations now.
func (s *Server) delegationEnd(w http.ResponseWriter, r *http.Request, u org.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	p := s.processes()
	del, err := p.Delegation(r.Context(), id)
	if errors.Is(err, process.ErrNotFound) || err == nil && del.User != u.Username && del.Deputy != u.Username {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if !auth.CanEndDelegation(u, del.User) {
		s.forbidden(w, r)
		return
	}
	_, err = p.EndDelegation(r.Context(), u.Username, id)
	switch {
	case errors.Is(err, process.ErrDelegationOver):
		s.redirect(w, r, "/delegations", "flow.delegation.already_over")
	case err != nil:
		s.internalError(w, r, err)
	default:
		s.redirect(w, r, "/delegations", "flow.delegation.ended")
	}
}
