package admin

import (
	"errors"
	"net/http"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/page"
)

// siteSave sets the site's identity; a problem shows the form again as typed.
func (h *Handler) siteSave(w http.ResponseWriter, r *http.Request, u org.User) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxFormBody)
	v := h.pages.NewView(r)
	page.KeepForm(r, v, "name", "name_en", "region_code", "contact")
	_, err := h.site.Set(r.Context(), u, site.Identity{Name: v.Value("name"), NameEn: v.Value("name_en"),
		RegionCode: v.Value("region_code"), Contact: v.Value("contact")})
	var re *refuse.Error
	switch {
	case err == nil:
		h.pages.Redirect(w, r, "/admin/site", "site.saved")
	case errors.Is(err, refuse.ErrInvalid) && errors.As(err, &re):
		v.Errors[re.Field] = re.Key
		h.renderSite(w, r, u, v, http.StatusUnprocessableEntity)
	default:
		h.pages.Refused(w, r, err)
	}
}
