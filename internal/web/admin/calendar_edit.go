package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

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
