package catalog_test

import (
	"context"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestItemPermissions checks auth's catalogue rules against the orgtest
// organisation: who may draft and who may publish an item of market
// department A (玄武区市场监督管理局).
func TestItemPermissions(t *testing.T) {
	db := storetest.SQLite(t)
	f := orgtest.Build(t, db, "x")
	ctx := context.Background()
	approver, err := f.Org.CreateUser(ctx, "test", org.User{Username: "approvera", Role: org.RoleApprover, DisplayName: "批准甲", DepartmentID: f.MarketA.ID}, "x")
	if err != nil {
		t.Fatal(err)
	}
	approverB, err := f.Org.CreateUser(ctx, "test", org.User{Username: "approverb", Role: org.RoleApprover, DisplayName: "批准乙", DepartmentID: f.MarketB.ID}, "x")
	if err != nil {
		t.Fatal(err)
	}
	deptAdminB, err := f.Org.CreateUser(ctx, "test", org.User{Username: "deptadminb", Role: org.RoleDeptAdmin, DisplayName: "管理乙", DepartmentID: f.MarketB.ID}, "x")
	if err != nil {
		t.Fatal(err)
	}
	countyAdmin, err := f.Org.CreateUser(ctx, "test", org.User{Username: "adminb", Role: org.RoleSysAdmin, DisplayName: "秦淮管理员", RegionCode: "320104"}, "x")
	if err != nil {
		t.Fatal(err)
	}
	disabled := f.Users["deptadmina"]
	disabled.Disabled = true
	cases := []struct {
		name           string
		u              org.User
		draft, publish bool
	}{
		{"own department admin", f.Users["deptadmina"], true, false},
		{"own department approver", approver, false, true},
		{"province sysadmin", f.Users["admin"], true, true},
		{"another department's admin", deptAdminB, false, false},
		{"another department's approver", approverB, false, false},
		{"sysadmin of a sibling county", countyAdmin, false, false},
		{"supervisor of the city", f.Users["supercity"], false, false},
		{"supervisor of the county", f.Users["supera"], false, false},
		{"handler of the department", f.Users["handlera"], false, false},
		{"window clerk", f.Users["clerka"], false, false},
		{"applicant", f.Users["citizen1"], false, false},
		{"disabled admin", disabled, false, false},
	}
	for _, tc := range cases {
		if got := auth.CanDraftItem(tc.u, f.MarketA, f.CountyA); got != tc.draft {
			t.Errorf("%s: CanDraftItem %v", tc.name, got)
		}
		if got := auth.CanPublishItem(tc.u, f.MarketA, f.CountyA); got != tc.publish {
			t.Errorf("%s: CanPublishItem %v", tc.name, got)
		}
		if got := auth.CanSeeItemDrafts(tc.u, f.MarketA, f.CountyA); got != (tc.draft || tc.publish) {
			t.Errorf("%s: CanSeeItemDrafts %v", tc.name, got)
		}
	}
	for _, u := range []org.User{f.Users["supercity"], f.Users["citizen1"], f.Users["handlera"]} {
		if auth.CanOpenCatalogAdmin(u) || auth.CanImportPublished(u) {
			t.Errorf("%s may open the catalogue administration", u.Username)
		}
	}
	if auth.CanImportPublished(f.Users["deptadmina"]) || !auth.CanImportPublished(f.Users["admin"]) {
		t.Error("only a system administrator imports published items")
	}
}
