package api

import (
	"context"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// applyFor returns the current version of the item code names, refused
// when the applicant may not apply for it.
func (h *Handler) applyFor(ctx context.Context, u org.User, code string) (catalog.Version, casework.ItemVersion, error) {
	ver, err := h.catalog.Current(ctx, code)
	if err != nil {
		return ver, casework.ItemVersion{}, err
	}
	item, err := h.items.Item(ctx, ver)
	if err == nil {
		err = casework.Admit(u, item)
	}
	return ver, item, err
}
