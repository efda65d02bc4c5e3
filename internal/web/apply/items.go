// Package apply holds what every audience that takes or shows applications
// shares: the item version an application is made under, with the item's
// department and region; how large a posted application may be; and case
// numbers in URLs. Who may apply for what is casework's rule, not here.
package apply

import (
	"context"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// Items finds an item's version and department.
type Items struct {
	Catalog *catalog.Catalog
	Org     *org.Org
}

// Department returns the department and region of an item's department
// code, for the permission checks.
func (it Items) Department(ctx context.Context, code string) (org.Department, org.Region, error) {
	d, err := it.Org.DepartmentByCode(ctx, code)
	if err != nil {
		return d, org.Region{}, err
	}
	reg, err := it.Org.Region(ctx, d.RegionCode)
	return d, reg, err
}

// Item is the view of a published item version casework works with
// (casework.ItemOf), on the item's department and its region.
func (it Items) Item(ctx context.Context, ver catalog.Version) (casework.ItemVersion, error) {
	dept, region, err := it.Department(ctx, ver.Department)
	if err != nil {
		return casework.ItemVersion{}, err
	}
	return casework.ItemOf(ver, dept, region), nil
}

// Version returns the catalog version a draft or case was made under and
// its casework view.
func (it Items) Version(ctx context.Context, code string, n int) (catalog.Version, casework.ItemVersion, error) {
	ver, err := it.Catalog.Version(ctx, code, n)
	if err != nil {
		return ver, casework.ItemVersion{}, err
	}
	item, err := it.Item(ctx, ver)
	return ver, item, err
}

// Cases is what the pages that take or show applications work with.
type Cases struct {
	Org       *org.Org
	Catalog   *catalog.Catalog
	Processes *process.Processes
	// Casework holds applications and cases; nil serves no case pages
	// (tests of other areas).
	Casework *casework.Casework
	Now      func() time.Time
	// Once makes a submission happen once per form; nil, as often as posted.
	Once *Once
}

// Items finds the items of these cases.
func (c Cases) Items() Items { return Items{Catalog: c.Catalog, Org: c.Org} }
