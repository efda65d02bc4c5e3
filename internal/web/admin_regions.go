package web

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
)

func (s *Server) adminRegions(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgPage(w, r, u, "admin_regions", s.newView(r), http.StatusOK)
}

func (s *Server) adminRegionCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	s.orgCreate(w, r, u, orgForm{
		page: "regions", fields: []string{"code", "name", "name_en", "level", "parent"},
		regionField: "parent", outsideKey: "org.region.parent_outside",
		create: func(ctx context.Context, actor string, v *view) error {
			_, err := s.cfg.Org.CreateRegion(ctx, actor, org.Region{
				Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"),
				Level: org.Level(v.Value("level")), ParentCode: v.Value("parent"),
			})
			return err
		},
	})
}
