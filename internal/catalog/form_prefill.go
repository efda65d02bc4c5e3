package catalog

import "github.com/shenpi/shenpi/internal/org"

// The fields of a form that ask about the applicant themself, by name: an
// applicant has already told their account these, so a new application starts
// with them filled in (they may still change them). A form names them so to be
// prefilled; the demo's forms do.
var prefilled = map[string]struct {
	kind  FieldType
	value func(org.User) string
}{
	"applicant":   {FieldText, func(u org.User) string { return u.DisplayName }},
	"id_number":   {FieldResidentID, func(u org.User) string { return u.IDNumber }},
	"credit_code": {FieldCreditCode, func(u org.User) string { return u.CreditCode }},
	"mobile":      {FieldMobile, func(u org.User) string { return u.Mobile }},
}

// Prefill returns the answers the applicant's account gives to the form's
// top-level fields about them (prefilled), only those of the expected type
// with a value to give.
func (f Form) Prefill(applicant org.User) Values {
	out := Values{}
	for _, field := range f.Fields {
		p, ok := prefilled[field.Name]
		if !ok || field.Type != p.kind {
			continue
		}
		if v := p.value(applicant); v != "" {
			out[field.Name] = v
		}
	}
	return out
}
