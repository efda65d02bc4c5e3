package web

import (
	"context"
	"net/http"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// caseItem is the view of a published item version casework works with
// (casework.ItemOf), on the item's department and its region.
func (s *Server) caseItem(ctx context.Context, ver catalog.Version) (casework.ItemVersion, error) {
	dept, region, err := s.itemDepartment(ctx, ver.Department)
	if err != nil {
		return casework.ItemVersion{}, err
	}
	return casework.ItemOf(ver, dept, region), nil
}

// caseVersion returns the catalogue version a draft or case was made under
// and its casework view.
func (s *Server) caseVersion(ctx context.Context, code string, n int) (catalog.Version, casework.ItemVersion, error) {
	ver, err := s.itemCatalog().Version(ctx, code, n)
	if err != nil {
		return ver, casework.ItemVersion{}, err
	}
	item, err := s.caseItem(ctx, ver)
	return ver, item, err
}

// applicationMaxBody bounds a posted application with its uploads: every
// electronic material at its limit, plus the form.
func applicationMaxBody(item casework.ItemVersion) int64 {
	total := int64(maxFormBody)
	for _, m := range item.Materials {
		if m.MaxBytes > 0 {
			total += m.MaxBytes
		} else {
			total += 10 << 20
		}
	}
	return min(total, 100<<20)
}

// requireApplicant wraps a handler for applicants only: others are
// refused (403), anonymous visitors sent to log in.
func (s *Server) requireApplicant(next func(http.ResponseWriter, *http.Request, org.User)) http.HandlerFunc {
	return s.requireUser(func(w http.ResponseWriter, r *http.Request, u org.User) {
		if !auth.CanApply(u) {
			if isAPI(r) {
				apiError(w, http.StatusForbidden, "forbidden", s.cat.T(reqCtx(r).lang, "case.api.applicants_only", nil))
				return
			}
			s.forbidden(w, r)
			return
		}
		next(w, r, u)
	})
}

func isAPI(r *http.Request) bool { return len(r.URL.Path) > 5 && r.URL.Path[:5] == "/api/" }

// parseCaseNumber reads the {number} of a URL; a malformed one is simply
// not found.
func parseCaseNumber(r *http.Request) (casework.Number, error) {
	n, err := casework.ParseNumber(r.PathValue("number"))
	if err != nil {
		return "", casework.ErrNotFound
	}
	return n, nil
}
