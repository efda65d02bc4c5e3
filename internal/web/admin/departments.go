package admin

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

func (h *Handler) departments(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgPage(w, r, u, "admin_departments", h.pages.NewView(r), http.StatusOK)
}

func (h *Handler) departmentCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	h.orgCreate(w, r, u, orgForm{
		page: "departments", fields: []string{"code", "name", "name_en", "region"},
		regionField: "region", outsideKey: "org.region.outside",
		create: func(ctx context.Context, actor string, v *page.View) error {
			_, err := h.org.CreateDepartment(ctx, actor, org.Department{
				Code: v.Value("code"), Name: v.Value("name"), NameEn: v.Value("name_en"), RegionCode: v.Value("region"),
			})
			return err
		},
	})
}
