package admin

import (
	"errors"
	"io"
	"net/http"
	"strconv"

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

// calendarImport replaces one year of the calendar from pasted text or an
// uploaded file in the import format.
func (h *Handler) calendarImport(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	r.ParseMultipartForm(1 << 20)
	for _, f := range []string{"year", "text"} {
		v.Form.Set(f, r.FormValue(f))
	}
	e, _, canEdit, ok := h.loadCalendar(w, r, u)
	if !ok {
		return
	}
	if !canEdit {
		h.pages.Forbidden(w, r)
		return
	}
	text := v.Value("text")
	if file, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(io.LimitReader(file, 1<<20))
		file.Close()
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		text = string(b)
		v.Form.Set("text", text)
	}
	year, err := strconv.Atoi(v.Value("year"))
	if err != nil || year < 1900 || year > 2199 {
		v.Errors["year"] = "workday.import.year"
		h.calendarYearPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	}
	moved, err := h.deadlines.ImportYear(r.Context(), u.Username, e.Name, year, text)
	h.calendarEdited(w, r, u, v, e.Name, year, moved, err)
}

// calendarEdited reports an edit: the problem beside the field, or the
// number of deadlines that moved.
func (h *Handler) calendarEdited(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, name string, year int, moved deadline.Moved, err error) {
	var inv *deadline.InvalidError
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
		if inv.Line > 0 {
			v.Form.Set("line", strconv.Itoa(inv.Line))
		}
		h.calendarYearPage(w, r, u, v, http.StatusUnprocessableEntity)
		return
	case err != nil:
		h.pages.InternalError(w, r, err)
		return
	}
	msg := h.pages.Messages().T(v.Lang, "workday.moved", map[string]any{"Clocks": moved.Clocks, "Cases": len(moved.Owners)})
	http.SetCookie(w, page.FlashCookie(msg))
	http.Redirect(w, r, "/admin/calendars/"+name+"?year="+strconv.Itoa(year), http.StatusSeeOther)
}
