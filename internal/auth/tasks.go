package auth

import "github.com/shenpi/shenpi/internal/org"

// Who works on a case's tasks between acceptance and decision (办理). Which
// task is whose the process engine decides (its holder, or a deputy); these
// say who may act on tasks at all, read a case as staff, see a department's
// open cases, and consent to a signed opinion's correction.

// CanWorkOnTasks: department staff act on the tasks the engine gives them;
// applicants and supervisors act on none, a disabled user on nothing.
func CanWorkOnTasks(u org.User) bool {
	return CanWrite(u) && u.Role.IsStaff() && u.DepartmentID != 0
}

// CanReadCase: the staff of a case's department, staff who hold or held one of
// its tasks (a countersigning department's), and a supervisor whose region
// holds the case's region (casePath) read the staff case page; anyone else is
// answered not found. A supervisor reads and never writes (CanWrite).
func CanReadCase(u org.User, caseDepartmentID int64, casePath string, involved bool) bool {
	switch {
	case u.Disabled:
		return false
	case u.Role == org.RoleSupervisor:
		return inScope(u.Scope, casePath)
	case !u.Role.IsStaff() || u.DepartmentID == 0:
		return false
	}
	return u.DepartmentID == caseDepartmentID || involved
}

// CanSeeDepartmentCases: the department's head — its administrator and its
// approver (分管领导) — sees every open task of the department.
func CanSeeDepartmentCases(u org.User) bool {
	return !u.Disabled && u.DepartmentID != 0 && (u.Role == org.RoleDeptAdmin || u.Holds(org.RoleApprover))
}

// CanConsentToCorrection: a signed opinion is changed only with the consent of
// the leader in charge (seed 001 篇3 §17) — an approver of the case's
// department other than the opinion's author.
func CanConsentToCorrection(u org.User, caseDepartmentID int64, author string) bool {
	return CanWrite(u) && u.Holds(org.RoleApprover) && u.DepartmentID != 0 &&
		u.DepartmentID == caseDepartmentID && u.Username != author
}
