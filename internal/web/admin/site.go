package admin

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

// siteForm shows the site's identity for a system administrator to set.
func (h *Handler) siteForm(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	id := h.site.Identity(r.Context())
	v.Form.Set("name", id.Name)
	v.Form.Set("name_en", id.NameEn)
	v.Form.Set("region_code", id.RegionCode)
	v.Form.Set("contact", id.Contact)
	h.renderSite(w, r, u, v, http.StatusOK)
}

// renderSite shows the form; site decides who may set it, the page only
// whether to offer it.
func (h *Handler) renderSite(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	if !auth.CanSetSiteIdentity(u, "") {
		h.pages.Forbidden(w, r)
		return
	}
	reach, err := auth.ReachOf(r.Context(), h.org, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = reach.Regions
	h.pages.Render(w, r, status, h.tmpl.site, v)
}
