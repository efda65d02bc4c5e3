package admin

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

func (h *Handler) regions(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgPage(w, r, u, "admin_regions", h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) regionCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgCreate(w, r, u, orgForm{
		page: "regions", fields: []string{"code", "name", "name_en", "level", "parent"},
		regionField: "parent", outsideKey: "org.region.parent_outside",
		create: func(ctx context.Context, actor string, v *page.View) error {
			_, err := h.org.CreateRegion(ctx, actor, org.Region{
				Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"),
				Level: org.Level(v.Value("level")), ParentCode: v.Value("parent"),
			})
			return err
		},
	})
}
