package catalog

import (
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// The catalogue's rules on what may be applied for and by whom. They are
// enforced where an application is made or received (casework), for every
// entry point alike; pages use them too, to say so before anyone tries.

var (
	// ErrWithdrawn: the item was withdrawn (or never published); nobody may
	// apply for it. It is a not-found, as the portal no longer shows it.
	ErrWithdrawn = refuse.NotFound("catalog: the item is withdrawn", "case.apply.withdrawn")
	// ErrForCompanies: the item is for companies (法人办事), the applicant a citizen.
	ErrForCompanies = &refuse.Error{Kind: refuse.ErrForbidden, Text: "catalog: the item is for companies",
		Key: "case.apply.companies_only", Code: "wrong_audience"}
	// ErrForCitizens: the item is for citizens (个人办事), the applicant a company.
	ErrForCitizens = &refuse.Error{Kind: refuse.ErrForbidden, Text: "catalog: the item is for citizens",
		Key: "case.apply.citizens_only", Code: "wrong_audience"}
)

// Admits says whether an applicant of kind may apply for an item for
// audience a: nil, ErrForCompanies or ErrForCitizens. An account of no kind
// counts as a citizen's.
func (a Audience) Admits(kind org.ApplicantKind) error {
	served := AudienceCitizen
	if kind == org.Company {
		served = AudienceCompany
	}
	switch {
	case a.Serves(served):
		return nil
	case a == AudienceCompany:
		return ErrForCompanies
	}
	return ErrForCitizens
}

// Open says whether version v may be applied for at all: it was published
// and the item is not withdrawn. A superseded version stays open, so a draft
// begun under it can still be submitted.
func (v Version) Open() error {
	if v.Withdrawn || v.State != StatePublished && v.State != StateSuperseded {
		return ErrWithdrawn
	}
	return nil
}
