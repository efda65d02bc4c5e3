package auth_test

import (
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
)

func TestProcessPermissions(t *testing.T) {
	const (
		province = "/320000/"
		city     = "/320000/320100/"
		countyA  = "/320000/320100/320102/"
		countyB  = "/320000/320100/320104/"
	)
	deptA := org.User{Username: "deptadmina", Role: org.RoleDeptAdmin, DepartmentID: 1, Scope: countyA}
	provAdmin := org.User{Username: "admin", Role: org.RoleSysAdmin, Scope: province}
	cityAdmin := org.User{Username: "cityadmin", Role: org.RoleSysAdmin, Scope: city}
	countyBAdmin := org.User{Username: "badmin", Role: org.RoleSysAdmin, Scope: countyB}
	supervisor := org.User{Username: "super", Role: org.RoleSupervisor, Scope: province}
	applicant := org.User{Username: "citizen", Role: org.RoleApplicant}
	handler := org.User{Username: "handlera", Role: org.RoleHandler, DepartmentID: 1, Scope: countyA}
	disabled := deptA
	disabled.Disabled = true

	cases := []struct {
		name      string
		u         org.User
		dept      int64
		path      string
		see, edit bool
	}{
		{"dept admin, own department", deptA, 1, countyA, true, true},
		{"dept admin, another department", deptA, 2, countyB, false, false},
		{"dept admin, another department of the same county", deptA, 3, countyA, false, false},
		{"dept admin, own county region-wide", deptA, 0, countyA, true, false},
		{"dept admin, the city above", deptA, 0, city, true, false},
		{"dept admin, every region", deptA, 0, "", true, false},
		{"dept admin, a sibling county", deptA, 0, countyB, false, false},
		{"disabled dept admin", disabled, 1, countyA, false, false},
		{"city admin, a county department", cityAdmin, 2, countyB, true, true},
		{"city admin, the province's", cityAdmin, 0, province, true, false},
		{"city admin, every region", cityAdmin, 0, "", true, false},
		{"province admin, every region", provAdmin, 0, "", true, true},
		{"county B admin, county A department", countyBAdmin, 1, countyA, false, false},
		{"supervisor", supervisor, 1, countyA, false, false},
		{"supervisor, every region", supervisor, 0, "", false, false},
		{"applicant", applicant, 0, "", false, false},
		{"handler", handler, 1, countyA, false, false},
	}
	for _, c := range cases {
		if got := auth.CanSeeProcess(c.u, c.dept, c.path); got != c.see {
			t.Errorf("%s: see %v, want %v", c.name, got, c.see)
		}
		if got := auth.CanEditProcess(c.u, c.dept, c.path); got != c.edit {
			t.Errorf("%s: edit %v, want %v", c.name, got, c.edit)
		}
	}
	for _, u := range []org.User{supervisor, applicant, handler} {
		if auth.CanOpenProcesses(u) {
			t.Errorf("%s opens the process pages", u.Role)
		}
	}
	if !auth.CanDelegate(handler) || !auth.CanDelegate(deptA) || auth.CanDelegate(supervisor) || auth.CanDelegate(applicant) || auth.CanDelegate(disabled) {
		t.Error("CanDelegate")
	}
	if !auth.CanEndDelegation(handler, "handlera") || auth.CanEndDelegation(handler, "reviewera") || auth.CanEndDelegation(deptA, "handlera") {
		t.Error("CanEndDelegation")
	}
}

// TestCaseChangePermissions: only the administrator of a case's own department changes
// it; every other user is refused.
func TestCaseChangePermissions(t *testing.T) {
	deptA := org.User{Username: "deptadmina", Role: org.RoleDeptAdmin, DepartmentID: 1, Scope: "/320000/320100/320102/"}
	disabled := deptA
	disabled.Disabled = true
	for _, c := range []struct {
		name string
		u    org.User
		want bool
	}{
		{"dept admin of the case's department", deptA, true},
		{"dept admin of another department", org.User{Role: org.RoleDeptAdmin, DepartmentID: 2}, false},
		{"disabled dept admin", disabled, false},
		{"dept admin of no department", org.User{Role: org.RoleDeptAdmin}, false},
		{"province system admin", org.User{Role: org.RoleSysAdmin, Scope: "/320000/"}, false},
		{"supervisor", org.User{Role: org.RoleSupervisor, Scope: "/320000/"}, false},
		{"approver of the department", org.User{Role: org.RoleApprover, DepartmentID: 1}, false},
		{"handler of the department", org.User{Role: org.RoleHandler, DepartmentID: 1}, false},
		{"applicant", org.User{Role: org.RoleApplicant}, false},
	} {
		if got := auth.CanChangeCase(c.u, 1); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if auth.CanChangeCase(org.User{Role: org.RoleDeptAdmin}, 0) {
		t.Error("a case of no department is changed by an admin of no department")
	}
}
