package org

// Role is what a user does in Shenpi; permissions follow from it (see auth).
type Role string

const (
	RoleApplicant  Role = "applicant"  // 申请人: a citizen or a company
	RoleClerk      Role = "clerk"      // 窗口工作人员
	RoleHandler    Role = "handler"    // 承办人
	RoleReviewer   Role = "reviewer"   // 审核人
	RoleApprover   Role = "approver"   // 批准人
	RoleSupervisor Role = "supervisor" // 电子监察员, scoped to a region and below
	RoleDeptAdmin  Role = "deptadmin"  // department administrator
	RoleSysAdmin   Role = "sysadmin"   // system administrator (信息中心)
)

// Roles lists every role in the order pages show them.
var Roles = []Role{RoleApplicant, RoleClerk, RoleHandler, RoleReviewer, RoleApprover, RoleSupervisor, RoleDeptAdmin, RoleSysAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// IsStaff reports whether the role belongs to a department.
func (r Role) IsStaff() bool {
	switch r {
	case RoleClerk, RoleHandler, RoleReviewer, RoleApprover, RoleDeptAdmin:
		return true
	}
	return false
}

// ApplicantKind tells a citizen (自然人) from a company (法人).
type ApplicantKind string

const (
	Citizen ApplicantKind = "citizen"
	Company ApplicantKind = "company"
)
