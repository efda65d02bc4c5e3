package auth

import (
	"strings"

	"github.com/shenpi/shenpi/internal/org"
)

// The permission checks, in one place. Handlers call these and nothing
// else to decide; a denial is answered as not-found or forbidden by web.
//
// Scopes are region paths (/320000/320100/…): "this region and everything
// under it" is a prefix test.

// inScope reports whether path lies within scope.
func inScope(scope, path string) bool {
	return scope != "" && strings.HasPrefix(path, scope)
}

// CanSeeRegion: a supervisor or system administrator sees their region and
// everything under it; department staff see their own region.
func CanSeeRegion(u org.User, r org.Region) bool {
	switch u.Role {
	case org.RoleSupervisor, org.RoleSysAdmin:
		return inScope(u.Scope, r.Path)
	case org.RoleApplicant:
		return false
	default:
		return u.Scope == r.Path
	}
}

// CanManageOrg: only a system administrator changes regions, departments,
// centres and windows, and only within their region.
func CanManageOrg(u org.User, r org.Region) bool {
	return u.Role == org.RoleSysAdmin && inScope(u.Scope, r.Path)
}

// CanOpenAdmin says whether the administration pages are for u at all.
func CanOpenAdmin(u org.User) bool {
	return u.Role == org.RoleSysAdmin || u.Role == org.RoleDeptAdmin
}

// CanAdministerUser: a system administrator administers every user of their
// region and below (applicants too); a department administrator administers
// the staff of their own department only, and no administrator.
func CanAdministerUser(admin, target org.User) bool {
	if admin.Disabled || admin.ID == target.ID && admin.ID != 0 {
		return false // nobody disables or resets themselves from the admin page
	}
	switch admin.Role {
	case org.RoleSysAdmin:
		return target.Role == org.RoleApplicant || inScope(admin.Scope, target.Scope)
	case org.RoleDeptAdmin:
		return admin.DepartmentID != 0 && target.DepartmentID == admin.DepartmentID &&
			target.Role.IsStaff() && target.Role != org.RoleDeptAdmin
	}
	return false
}

// AssignableRoles lists the roles admin may give to a user.
func AssignableRoles(admin org.User) []org.Role {
	switch admin.Role {
	case org.RoleSysAdmin:
		return org.Roles
	case org.RoleDeptAdmin:
		return []org.Role{org.RoleClerk, org.RoleHandler, org.RoleReviewer, org.RoleApprover}
	}
	return nil
}

// CanAssign reports whether admin may create or change a user so that it
// has role in department (for staff) or region (for supervisors and admins).
func CanAssign(admin org.User, role org.Role, dept org.Department, deptRegion, region org.Region) bool {
	allowed := false
	for _, r := range AssignableRoles(admin) {
		allowed = allowed || r == role
	}
	if !allowed {
		return false
	}
	switch {
	case role == org.RoleApplicant:
		return admin.Role == org.RoleSysAdmin
	case role.IsStaff():
		if admin.Role == org.RoleDeptAdmin {
			return dept.ID == admin.DepartmentID
		}
		return inScope(admin.Scope, deptRegion.Path)
	default:
		return inScope(admin.Scope, region.Path)
	}
}

// CanWrite reports whether a user may change anything at all. Supervisors
// watch; they never change case or organisation data.
func CanWrite(u org.User) bool {
	return !u.Disabled && u.Role != org.RoleSupervisor
}

// CanViewCalendars: administrators and supervisors read the working-day
// calendars that deadlines are counted on.
func CanViewCalendars(u org.User) bool {
	return u.Role == org.RoleSysAdmin || u.Role == org.RoleSupervisor
}

// CanEditCalendar: a system administrator edits a regional calendar of a
// region in their scope; the national calendar only a province-level one
// (whose scope is a single region code).
func CanEditCalendar(u org.User, regionPath string) bool {
	if u.Role != org.RoleSysAdmin || u.Disabled {
		return false
	}
	if regionPath == "" {
		return strings.Count(u.Scope, "/") == 2
	}
	return inScope(u.Scope, regionPath)
}

// CanDraftItem: the department administrator of an item's department
// creates, edits and submits its items (事项); a system administrator may do
// so for any department in their region.
func CanDraftItem(u org.User, dept org.Department, deptRegion org.Region) bool {
	if u.Disabled {
		return false
	}
	switch u.Role {
	case org.RoleDeptAdmin:
		return u.DepartmentID != 0 && u.DepartmentID == dept.ID
	case org.RoleSysAdmin:
		return inScope(u.Scope, deptRegion.Path)
	}
	return false
}

// CanPublishItem: an approver (批准人) of an item's department publishes,
// returns and withdraws its items; a system administrator in scope too.
// Publishing is a review: catalog refuses it to whoever submitted.
func CanPublishItem(u org.User, dept org.Department, deptRegion org.Region) bool {
	if u.Disabled {
		return false
	}
	switch u.Role {
	case org.RoleApprover:
		return u.DepartmentID != 0 && u.DepartmentID == dept.ID
	case org.RoleSysAdmin:
		return inScope(u.Scope, deptRegion.Path)
	}
	return false
}

// CanSeeItemDrafts: unpublished versions are for those who draft or
// publish the item; everyone sees published ones.
func CanSeeItemDrafts(u org.User, dept org.Department, deptRegion org.Region) bool {
	return CanDraftItem(u, dept, deptRegion) || CanPublishItem(u, dept, deptRegion)
}

// CanOpenCatalogAdmin says whether the item administration pages are for u
// at all: department administrators, approvers and system administrators.
func CanOpenCatalogAdmin(u org.User) bool {
	return !u.Disabled && (u.Role == org.RoleDeptAdmin || u.Role == org.RoleApprover || u.Role == org.RoleSysAdmin)
}

// CanImportPublished: only a system administrator may import items as
// published at once, skipping the review; others import drafts of the
// departments they may draft for.
func CanImportPublished(u org.User) bool {
	return !u.Disabled && u.Role == org.RoleSysAdmin
}

// CanOpenProcesses says whether the approval process pages (审批流程) are for u at
// all: department and system administrators.
func CanOpenProcesses(u org.User) bool {
	return !u.Disabled && (u.Role == org.RoleDeptAdmin || u.Role == org.RoleSysAdmin)
}

// CanSeeProcess: a process definition belongs to a department (deptID, regionPath its
// region's path), to a whole region (deptID 0), or to every region (both empty). A
// department administrator sees their department's and those for their region, a region
// above it, or every region; a system administrator sees those of the regions in their
// scope and those that apply to their region from above.
func CanSeeProcess(u org.User, deptID int64, regionPath string) bool {
	if !CanOpenProcesses(u) {
		return false
	}
	if deptID == 0 && (regionPath == "" || inScope(regionPath, u.Scope)) {
		return true
	}
	switch u.Role {
	case org.RoleDeptAdmin:
		return deptID != 0 && deptID == u.DepartmentID
	case org.RoleSysAdmin:
		return inScope(u.Scope, regionPath)
	}
	return false
}

// CanEditProcess: drafting, importing and publishing a definition is for the
// administrator of its department, or a system administrator whose scope holds its
// region; one for every region only a province-level system administrator.
func CanEditProcess(u org.User, deptID int64, regionPath string) bool {
	if u.Disabled {
		return false
	}
	switch u.Role {
	case org.RoleDeptAdmin:
		return deptID != 0 && deptID == u.DepartmentID
	case org.RoleSysAdmin:
		if regionPath == "" {
			return deptID == 0 && strings.Count(u.Scope, "/") == 2
		}
		return inScope(u.Scope, regionPath)
	}
	return false
}

// CanDelegate: department staff name a deputy of their own department while away (授权);
// process checks the deputy.
func CanDelegate(u org.User) bool {
	return !u.Disabled && u.Role.IsStaff()
}

// CanEndDelegation: a delegation is ended early only by the user who gave it.
func CanEndDelegation(u org.User, delegator string) bool {
	return CanDelegate(u) && u.Username == delegator
}

// CanApply: applying online, and everything about one's own applications
// (drafts, cases, receipts, withdrawal), is for applicants.
func CanApply(u org.User) bool {
	return !u.Disabled && u.Role == org.RoleApplicant
}

// CanSeeOwnCase: an applicant sees their own cases and drafts; anyone
// else's is answered as not found.
func CanSeeOwnCase(u org.User, applicantID int64) bool {
	return CanApply(u) && u.ID == applicantID
}

// CanRegisterAtWindow: a window clerk (窗口工作人员) registers walk-in
// applications for the items of their own department only.
func CanRegisterAtWindow(u org.User, dept org.Department) bool {
	return !u.Disabled && u.Role == org.RoleClerk && u.DepartmentID != 0 && u.DepartmentID == dept.ID
}

// CanPrintReceipt: the receipt (接件凭证) of a case is printed by its
// applicant, or by a clerk of its department handing it over at the window.
func CanPrintReceipt(u org.User, applicantID, departmentID int64) bool {
	return CanSeeOwnCase(u, applicantID) ||
		!u.Disabled && u.Role == org.RoleClerk && u.DepartmentID != 0 && u.DepartmentID == departmentID
}

// CanChangeCase: the changes an administrator makes to one running case — skip or insert
// a step, send the case to a step, reassign a task, suspend, resume or terminate it — are
// for the administrator of the case's department (its lead department in joint
// approval), who also sees the case's process to do so. A system administrator runs the
// system, not cases; a supervisor changes no case.
func CanChangeCase(u org.User, caseDepartmentID int64) bool {
	return !u.Disabled && u.Role == org.RoleDeptAdmin && u.DepartmentID != 0 && u.DepartmentID == caseDepartmentID
}

// CanSetSiteIdentity: the site's identity (its name, region and contact, shown
// on every page) is set by a system administrator, for a region in their scope;
// regionPath "" asks whether u may set it at all.
func CanSetSiteIdentity(u org.User, regionPath string) bool {
	if u.Disabled || u.Role != org.RoleSysAdmin {
		return false
	}
	return regionPath == "" || inScope(u.Scope, regionPath)
}
