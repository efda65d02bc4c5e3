package casework

import (
	"context"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

// HandlingView is how a case is being handled, as its department's staff
// and supervisors read it, with what the reader may do now.
type HandlingView struct {
	Case        Case
	Specials    []Special
	Extensions  []Extension
	Assessments []Assessment
	// What u may do now; all false for a supervisor.
	MayHandle, MayApproveExtension, MayRecordPayment bool
	// ExtensionLeft is how many working days the cap still allows.
	ExtensionLeft int
}

// Handling returns the handling of case n for u: staff of its department
// or a supervisor whose scope holds regionPath, the path of the case's
// region (from org, by the caller); anyone else is told it is not found.
func (c *Casework) Handling(ctx context.Context, u org.User, n Number, regionPath string) (HandlingView, error) {
	cs, err := c.Case(ctx, n)
	if err != nil {
		return HandlingView{}, err
	}
	if !auth.CanReadCaseHandling(u, cs.DepartmentID, regionPath) {
		return HandlingView{}, ErrNotFound
	}
	v := HandlingView{Case: cs}
	if v.Specials, err = c.Specials(ctx, n); err != nil {
		return v, err
	}
	if v.Extensions, err = c.Extensions(ctx, n); err != nil {
		return v, err
	}
	if v.Assessments, err = c.Assessments(ctx, n); err != nil {
		return v, err
	}
	limit, err := c.extensionCap(ctx, n)
	if err != nil {
		return v, err
	}
	used := 0
	for _, e := range v.Extensions {
		if e.Status == ExtensionApproved {
			used += e.Days
		}
	}
	v.ExtensionLeft = max(limit-used, 0)
	open := hHandling(cs.Status)
	v.MayHandle = open && auth.CanHandleCase(u, cs.DepartmentID)
	v.MayApproveExtension = open && auth.CanApproveExtension(u, cs.DepartmentID)
	v.MayRecordPayment = open && auth.CanRecordPayment(u, cs.DepartmentID)
	return v, nil
}
