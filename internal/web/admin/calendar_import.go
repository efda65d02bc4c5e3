package admin

import (
	"io"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
)

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
