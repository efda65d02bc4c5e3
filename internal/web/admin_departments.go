package web

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminDepartments(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgPage(w, r, u, "admin_departments", s.newView(r), http.StatusOK)
}

func (s *Server) adminDepartmentCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgCreate(w, r, u, orgForm{
		page: "departments", fields: []string{"code", "name", "name_en", "region"},
		regionField: "region", outsideKey: "org.region.outside",
		create: func(ctx context.Context, actor string, v *view) error {
			_, err := s.cfg.Org.CreateDepartment(ctx, actor, org.Department{
				Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"), RegionCode: v.Value("region"),
			})
			return err
		},
	})
}
