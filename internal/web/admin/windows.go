package admin

import (
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

func (h *Handler) windowCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "centre", "department", "number", "wname")
	if u.Role != org.RoleSysAdmin {
		h.pages.Forbidden(w, r)
		return
	}
	centreID, _ := strconv.ParseInt(v.Value("centre"), 10, 64)
	deptID, _ := strconv.ParseInt(v.Value("department"), 10, 64)
	// The centre must be one this administrator manages.
	centres, err := h.org.Centres(r.Context(), u.RegionCode)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	owned := false
	for _, c := range centres {
		owned = owned || c.ID == centreID
	}
	if !owned {
		v.Errors["centre"] = "org.centre.unknown"
		h.orgPage(w, r, u, "admin_centres", v, http.StatusUnprocessableEntity)
		return
	}
	_, err = h.org.CreateWindow(r.Context(), u.Username, org.Window{
		CentreID: centreID, DepartmentID: deptID, Number: v.Value("number"), Name: v.Value("wname"),
	})
	if inv, ok := err.(*org.InvalidError); ok && inv.Field == "name" {
		inv.Field = "wname"
	}
	h.orgChangeResult(w, r, u, "centres", v, err, "admin.saved")
}
