package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/workday"
)

// calendarSetDay marks one date as a holiday, a make-up working day, or
// back to the rule; the running deadlines move in the same transaction.
func (h *Handler) calendarSetDay(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "date", "kind", "label", "year")
	e, _, canEdit, ok := h.loadCalendar(w, r, u)
	if !ok {
		return
	}
	if !canEdit {
		h.pages.Forbidden(w, r)
		return
	}
	d, err := workday.ParseDate(v.Value("date"))
	if err != nil {
		v.Errors["date"] = "workday.day.date"
		h.calendarYearPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	moved, err := h.deadlines.SetDay(r.Context(), u.Username, e.Name, d, deadline.DayKind(v.Value("kind")), v.Value("label"))
	h.calendarEdited(w, r, u, v, e.Name, d.Year, moved, err)
}
