package api

import (
	"context"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// draft returns the applicant's newest draft of the item's current
// version, starting one when there is none.
func (h *Handler) draft(ctx context.Context, u org.User, code string) (catalog.Version, casework.ItemVersion, casework.Draft, error) {
	ver, err := h.catalog.Current(ctx, code)
	if err != nil {
		return ver, casework.ItemVersion{}, casework.Draft{}, err
	}
	item, err := h.items.Item(ctx, ver)
	if err == nil {
		// Refused before the draft is touched, so a refusal changes nothing.
		err = casework.Admit(u, item)
	}
	if err != nil {
		return ver, item, casework.Draft{}, err
	}
	drafts, err := h.casework.Drafts(ctx, u.ID)
	if err != nil {
		return ver, item, casework.Draft{}, err
	}
	for _, d := range drafts {
		if d.ItemCode == ver.Code && d.ItemVersion == ver.Number {
			d, err := h.casework.Draft(ctx, u.ID, d.ID)
			return ver, item, d, err
		}
	}
	d, err := h.casework.CreateDraft(ctx, u, item)
	return ver, item, d, err
}
