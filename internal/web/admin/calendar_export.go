package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/workday"
)

// calendarExport downloads the calendar's own entries in the import format.
func (h *Handler) calendarExport(w http.ResponseWriter, r *http.Request, u org.User) {
	e, _, _, ok := h.loadCalendar(w, r, u)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="calendar-`+e.Name+`.txt"`)
	w.Write([]byte(workday.FormatSpecText(e.Local)))
}
