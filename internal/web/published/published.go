// Package published resolves the published approval items a URL or a query
// string names, the same way for the portal and the items API: drafts are
// never found, a withdrawn item only by an explicit version.
package published

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
)

// Item resolves the item a URL names (GET /items/{code}, /api/v1/items/{code}): the current published
// version, or with ?v=N (as a case links it) any version that was ever
// published. Drafts, and a withdrawn item without ?v=, are not found.
func Item(r *http.Request, c *catalog.Catalog) (catalog.Version, error) {
	code := r.PathValue("code")
	if raw := r.URL.Query().Get("v"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			return catalog.Version{}, catalog.ErrNotFound
		}
		ver, err := c.Version(r.Context(), code, n)
		if err == nil && ver.State != catalog.StatePublished && ver.State != catalog.StateSuperseded {
			return catalog.Version{}, catalog.ErrNotFound
		}
		return ver, err
	}
	ver, err := c.Current(r.Context(), code)
	if err == nil && ver.Withdrawn {
		return catalog.Version{}, catalog.ErrNotFound
	}
	return ver, err
}

// Filter reads the browsing filter from a query string; unknown
// themes and audiences are ignored rather than refused, as links age.
func Filter(q map[string][]string) catalog.Filter {
	get := func(k string) string {
		if vs := q[k]; len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
		return ""
	}
	f := catalog.Filter{Department: get("department")}
	if t := catalog.Theme(get("theme")); slices.Contains(catalog.Themes, t) {
		f.Theme = t
	}
	if a := catalog.Audience(get("audience")); a == catalog.AudienceCitizen || a == catalog.AudienceCompany {
		f.Audience = a
	}
	return f
}
