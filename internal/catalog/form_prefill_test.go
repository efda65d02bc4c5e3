package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// TestPrefill: a new application starts with what the applicant's account
// says of them, in the fields that ask it and are of the matching type.
func TestPrefill(t *testing.T) {
	form := catalog.Form{Fields: []catalog.Field{
		{Name: "applicant", Type: catalog.FieldText},
		{Name: "id_number", Type: catalog.FieldResidentID},
		{Name: "mobile", Type: catalog.FieldMobile},
		{Name: "credit_code", Type: catalog.FieldCreditCode},
		{Name: "legal_rep_id", Type: catalog.FieldResidentID}, // someone else's
		{Name: "shop", Type: catalog.FieldText},
	}}
	citizen := org.User{Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "张三", IDNumber: "11010519491231002X", Mobile: "13812345678"}
	want := catalog.Values{"applicant": "张三", "id_number": "11010519491231002X", "mobile": "13812345678"}
	if diff := cmp.Diff(want, form.Prefill(citizen)); diff != "" {
		t.Errorf("citizen (-want +got):\n%s", diff)
	}
	company := org.User{Role: org.RoleApplicant, ApplicantKind: org.Company, DisplayName: "玄武小馆有限公司", CreditCode: "91350100M000100Y43"}
	want = catalog.Values{"applicant": "玄武小馆有限公司", "credit_code": "91350100M000100Y43"}
	if diff := cmp.Diff(want, form.Prefill(company)); diff != "" {
		t.Errorf("company (-want +got):\n%s", diff)
	}
	odd := catalog.Form{Fields: []catalog.Field{{Name: "mobile", Type: catalog.FieldText}, {Name: "applicant", Type: catalog.FieldChoice}}}
	if got := odd.Prefill(citizen); len(got) != 0 {
		t.Errorf("fields of another type were filled: %v", got)
	}
}
