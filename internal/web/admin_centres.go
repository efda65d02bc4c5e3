package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminCentres(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgPage(w, r, u, "admin_centres", s.newView(r), http.StatusOK)
}

func (s *Server) adminCentreCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgCreate(w, r, u, orgForm{
		page: "centres", fields: []string{"region", "name", "name_en", "address"},
		regionField: "region", outsideKey: "org.region.outside",
		create: func(ctx context.Context, actor string, v *view) error {
			_, err := s.cfg.Org.CreateCentre(ctx, actor, org.Centre{
				RegionCode: v.Value("region"), Name: v.Value("name"), NameEn: v.Value("name_en"), Address: v.Value("address"),
			})
			return err
		},
	})
}

func (s *Server) adminWindowCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	v := s.newView(r)
	keepForm(r, v, "centre", "department", "number", "wname")
	if u.Role != org.RoleSysAdmin {
		s.forbidden(w, r)
		return
	}
	centreID, _ := strconv.ParseInt(v.Value("centre"), 10, 64)
	deptID, _ := strconv.ParseInt(v.Value("department"), 10, 64)
	// The centre must be one this administrator manages.
	centres, err := s.cfg.Org.Centres(r.Context(), u.RegionCode)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	owned := false
	for _, c := range centres {
		owned = owned || c.ID == centreID
	}
	if !owned {
		v.Errors["centre"] = "org.centre.unknown"
		s.orgPage(w, r, u, "admin_centres", v, http.StatusUnprocessableEntity)
		return
	}
	_, err = s.cfg.Org.CreateWindow(r.Context(), u.Username, org.Window{
		CentreID: centreID, DepartmentID: deptID, Number: v.Value("number"), Name: v.Value("wname"),
	})
	if inv, ok := err.(*org.InvalidError); ok && inv.Field == "name" {
		inv.Field = "wname"
	}
	s.orgChangeResult(w, r, u, "centres", v, err, "admin.saved")
}
