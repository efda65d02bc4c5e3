package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

// calendarRow is a calendar as the list shows it.
type calendarRow struct {
	deadline.Entry
	RegionName string
	Years      []int
	CanEdit    bool
}

type calendarsPage struct {
	Calendars []calendarRow
	Missing   []deadline.Missing
	Regions   []org.Region
}

func (h *Handler) calendars(w http.ResponseWriter, r *http.Request, u org.User) {
	h.calendarsPage(w, r, u, h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) calendarsPage(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	if !auth.CanViewCalendars(u) {
		h.pages.Forbidden(w, r)
		return
	}
	ctx := r.Context()
	entries, err := h.deadlines.Entries(ctx)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	var d calendarsPage
	for _, e := range entries {
		row := calendarRow{Entry: e, Years: e.Local.Years}
		path := ""
		if e.RegionCode != "" {
			reg, err := h.org.Region(ctx, e.RegionCode)
			if err != nil {
				h.pages.InternalError(w, r, err)
				return
			}
			row.RegionName, path = reg.Name, reg.Path
		}
		row.CanEdit = auth.CanEditCalendar(u, path)
		if cal, err := h.deadlines.Calendar(ctx, e.Name); err == nil {
			row.Years = cal.Years()
		}
		d.Calendars = append(d.Calendars, row)
	}
	if d.Missing, err = h.deadlines.MissingYears(ctx); err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if u.Role == org.RoleSysAdmin {
		if d.Regions, err = h.org.Regions(ctx, u.RegionCode); err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.calendars, v)
}

// calendarCreate adds a regional calendar derived from another.
func (h *Handler) calendarCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "name", "parent", "region")
	reg, err := h.org.Region(r.Context(), v.Value("region"))
	if err != nil || !auth.CanEditCalendar(u, reg.Path) {
		if u.Role != org.RoleSysAdmin {
			h.pages.Forbidden(w, r)
			return
		}
		v.Errors["region"] = "org.region.outside"
		h.calendarsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	err = h.deadlines.Create(r.Context(), u.Username, v.Value("name"), v.Value("parent"), reg.Code)
	var inv *deadline.InvalidError
	if errors.As(err, &inv) {
		v.Errors[inv.Field] = inv.Key
		h.calendarsPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	h.pages.Redirect(w, r, "/admin/calendars/"+v.Value("name"), "admin.saved")
}
