package admin

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

func (h *Handler) centres(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgPage(w, r, u, "admin_centres", h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) centreCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgCreate(w, r, u, orgForm{
		page: "centres", fields: []string{"region", "name", "name_en", "address"},
		regionField: "region", outsideKey: "org.region.outside",
		create: func(ctx context.Context, actor string, v *page.View) error {
			_, err := h.org.CreateCentre(ctx, actor, org.Centre{
				RegionCode: v.Value("region"), Name: v.Value("name"), NameEn: v.Value("name_en"), Address: v.Value("address"),
			})
			return err
		},
	})
}
