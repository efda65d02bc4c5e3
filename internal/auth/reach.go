package auth

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/org"
)

// Directory is what auth reads of the organisation to resolve where someone
// acts. *org.Org satisfies it.
type Directory interface {
	Department(ctx context.Context, id int64) (org.Department, error)
	Departments(ctx context.Context, root string) ([]org.Department, error)
	Region(ctx context.Context, code string) (org.Region, error)
	Regions(ctx context.Context, root string) ([]org.Region, error)
}

// Reach is where a user acts as an administrator: the departments whose
// items, processes and staff they may look after, and the regions they may
// act for as a whole. What they may do there is each Can… check's to say;
// Reach only says where to look, so that every page and command offers the
// same departments and regions.
type Reach struct {
	Departments []org.Department // by region, then code
	Regions     []org.Region     // by path; empty for department staff
	regions     map[string]org.Region
}

// ReachOf resolves, in one place, where u acts: a system administrator in
// every department and region of their region and below; department staff
// (a department administrator, an approver…) in their own department only;
// applicants and supervisors nowhere, as they administer nothing.
func ReachOf(ctx context.Context, dir Directory, u org.User) (Reach, error) {
	r := Reach{regions: map[string]org.Region{}}
	var err error
	switch {
	case u.Disabled:
		return r, nil
	case u.Role == org.RoleSysAdmin:
		if r.Regions, err = dir.Regions(ctx, u.RegionCode); err != nil {
			return r, fmt.Errorf("auth: unable to list the regions of %s: %w", u.Username, err)
		}
		if r.Departments, err = dir.Departments(ctx, u.RegionCode); err != nil {
			return r, fmt.Errorf("auth: unable to list the departments of %s: %w", u.Username, err)
		}
	case u.Role.IsStaff() && u.DepartmentID != 0:
		d, err := dir.Department(ctx, u.DepartmentID)
		if err != nil {
			return r, fmt.Errorf("auth: unable to read the department of %s: %w", u.Username, err)
		}
		r.Departments = []org.Department{d}
	}
	for _, reg := range r.Regions {
		r.regions[reg.Code] = reg
	}
	for _, d := range r.Departments {
		if _, ok := r.regions[d.RegionCode]; ok {
			continue
		}
		reg, err := dir.Region(ctx, d.RegionCode)
		if err != nil {
			return r, fmt.Errorf("auth: unable to read the region of department %s: %w", d.Code, err)
		}
		r.regions[reg.Code] = reg
	}
	return r, nil
}

// RegionOf returns the region of one of the reach's departments.
func (r Reach) RegionOf(d org.Department) org.Region { return r.regions[d.RegionCode] }

// Where lists the departments of the reach for which may holds, e.g.
// reach.Where(func(d, reg) bool { return CanDraftItem(u, d, reg) }).
func (r Reach) Where(may func(org.Department, org.Region) bool) []org.Department {
	var out []org.Department
	for _, d := range r.Departments {
		if may(d, r.RegionOf(d)) {
			out = append(out, d)
		}
	}
	return out
}

// Codes lists the codes of the reach's departments.
func (r Reach) Codes() []string {
	out := make([]string, 0, len(r.Departments))
	for _, d := range r.Departments {
		out = append(out, d.Code)
	}
	return out
}
