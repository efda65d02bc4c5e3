package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// The review actions ask auth themselves, given the user acting, so that the
// administration pages, the API, the command line and an exchange with
// another system all get the same answer.

var (
	// ErrMayNotDraft: the user sees the item but may not create, edit or
	// submit its versions.
	ErrMayNotDraft = refuse.Forbidden("catalog: this user may not draft this item", "")
	// ErrMayNotReview: the user sees the item but may not publish, return or
	// withdraw it.
	ErrMayNotReview = refuse.Forbidden("catalog: this user may not review this item", "")
)

// may is one of auth's item rules: auth.CanDraftItem or auth.CanPublishItem.
type may func(org.User, org.Department, org.Region) bool

// authorizeItem checks that u may act on item code as may says. An item u may
// neither draft nor publish is not found, so its unpublished versions are not
// revealed; one u sees but may not act on this way is refused with denied.
func (c *Catalog) authorizeItem(ctx context.Context, u org.User, code string, ok may, denied error) error {
	var deptCode string
	err := c.db.QueryRow(ctx, `SELECT department_code FROM catalog_items WHERE code = ?`, code).Scan(&deptCode)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("catalog: unable to read %s: %w", code, err)
	}
	d, r, err := c.department(ctx, deptCode)
	if errors.Is(err, org.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	switch {
	case !auth.CanSeeItemDrafts(u, d, r):
		return ErrNotFound
	case !ok(u, d, r):
		return denied
	}
	return nil
}

// mayCreate returns the codes of the departments u may create items for,
// refusing one who may draft for none. A department not among them is a
// problem with the item's department field, as in an import.
func (c *Catalog) mayCreate(ctx context.Context, u org.User) (map[string]bool, error) {
	allowed, err := c.Draftable(ctx, u)
	if err != nil {
		return nil, err
	}
	if len(allowed) == 0 {
		return nil, ErrMayNotDraft
	}
	codes := map[string]bool{}
	for _, d := range allowed {
		codes[d.Code] = true
	}
	return codes, nil
}

// department reads a department and its region.
func (c *Catalog) department(ctx context.Context, code string) (org.Department, org.Region, error) {
	d, err := c.dir.DepartmentByCode(ctx, code)
	if err != nil {
		return d, org.Region{}, fmt.Errorf("catalog: unable to read department %s: %w", code, err)
	}
	r, err := c.dir.Region(ctx, d.RegionCode)
	if err != nil {
		return d, r, fmt.Errorf("catalog: unable to read the region of %s: %w", code, err)
	}
	return d, r, nil
}
