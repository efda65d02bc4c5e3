package auth

import "github.com/shenpi/shenpi/internal/org"

// Who acts on a case between acceptance and decision (承办 → 批准), beyond
// its process's tasks: special procedures and extension requests are the
// handler's, approving an extension the approver's (the head who answers
// for the limit, Art. 42), assessing fees the handler's and recording a
// payment the window clerk's (Art. 58; seed 001 篇3 §13). Each is for the
// staff of the case's department only; a supervisor does none of them
// (CanWrite).

// CanActOnCase: only the staff of a case's department act on it; for
// anyone else the case is not found.
func CanActOnCase(u org.User, caseDepartmentID int64) bool {
	return CanWrite(u) && u.Role.IsStaff() && u.DepartmentID != 0 && u.DepartmentID == caseDepartmentID
}

// CanHandleCase: a handler (承办人) of the case's department starts and
// ends its special procedures, asks for an extension and assesses fees.
func CanHandleCase(u org.User, caseDepartmentID int64) bool {
	return deptRole(u, org.RoleHandler, caseDepartmentID)
}

// CanApproveExtension: an approver (批准人) of the case's department
// approves or refuses its extension.
func CanApproveExtension(u org.User, caseDepartmentID int64) bool {
	return deptRole(u, org.RoleApprover, caseDepartmentID)
}

// CanRecordPayment: a window clerk of the case's department records that
// its fees were paid.
func CanRecordPayment(u org.User, caseDepartmentID int64) bool {
	return deptRole(u, org.RoleClerk, caseDepartmentID)
}

// deptRole reports whether u may write and holds role in department dept.
func deptRole(u org.User, role org.Role, dept int64) bool {
	return CanWrite(u) && u.Role == role && u.DepartmentID != 0 && u.DepartmentID == dept
}

// CanReadCaseHandling: the staff of a case's department, and a supervisor
// whose scope holds the case's region (regionPath), read how it is handled
// (its special procedures, extensions and fees); for anyone else the case
// is not found.
func CanReadCaseHandling(u org.User, caseDepartmentID int64, regionPath string) bool {
	if u.Disabled {
		return false
	}
	if u.Role == org.RoleSupervisor {
		return inScope(u.Scope, regionPath)
	}
	return u.Role.IsStaff() && u.DepartmentID != 0 && u.DepartmentID == caseDepartmentID
}
