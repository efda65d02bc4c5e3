package casework

import (
	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// The rules on who may apply for what are checked here, by every function
// that starts or receives an application, so that the pages, the API, the
// command line and the exchange all get the same answer: only applicants
// apply (auth), a withdrawn item is not applied for, and an item is for
// citizens, companies or both (catalog decides both).

var (
	// ErrNotApplicant: only applicants apply, and only for themselves.
	ErrNotApplicant = refuse.Forbidden("casework: only applicants apply", "case.api.applicants_only")
	// ErrNotWindowClerk: a walk-in application is registered by a clerk of
	// the item's department.
	ErrNotWindowClerk = refuse.Forbidden("casework: not a window clerk of the item's department", "")
)

// Admit refuses an application by applicant under item, or returns nil.
// The functions that start or receive an application check it themselves;
// a caller about to change a draft in several steps checks it first, so a
// refusal finds the draft as it was.
func Admit(applicant org.User, item ItemVersion) error {
	if !auth.CanApply(applicant) {
		return ErrNotApplicant
	}
	return admitItem(applicant, item)
}

// admitItem applies the catalogue's rules: the item is open, and for the
// applicant's kind.
func admitItem(applicant org.User, item ItemVersion) error {
	if item.Withdrawn {
		return catalog.ErrWithdrawn
	}
	return item.Audience.Admits(applicant.ApplicantKind)
}

// admitWindow refuses a walk-in registration by clerk: a clerk registers
// for the items of their own department (auth).
func admitWindow(clerk org.User, item ItemVersion) error {
	if !auth.CanRegisterAtWindow(clerk, org.Department{ID: item.DepartmentID}) {
		return ErrNotWindowClerk
	}
	return nil
}
