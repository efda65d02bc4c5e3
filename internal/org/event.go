package org

import "github.com/shenpi/shenpi/internal/event"

// Event types the organisation appends: user.* to the user's stream
// (User.Stream), the others to the region's or the department's.
const (
	EventRegionCreated     = "region.created"
	EventCentreCreated     = "centre.created"
	EventWindowCreated     = "window.created"
	EventDepartmentCreated = "department.created"
	EventUserCreated       = "user.created"
	EventPasswordChanged   = "user.password_changed"
	EventPasswordReset     = "user.password_reset"
	EventRoleChanged       = "user.role_changed"
	EventUserEnabled       = "user.enabled"
	EventUserDisabled      = "user.disabled"
	EventLanguageSet       = "user.language_set"
	EventExtraRolesSet     = "user.extra_roles_set"
)

// Payloads maps the organisation's event types to their payloads.
var Payloads = event.Payloads{
	EventRegionCreated:     RegionCreatedPayload{},
	EventCentreCreated:     CentreCreatedPayload{},
	EventWindowCreated:     WindowCreatedPayload{},
	EventDepartmentCreated: DepartmentCreatedPayload{},
	EventUserCreated:       UserCreatedPayload{},
	EventPasswordChanged:   UsernamePayload{},
	EventPasswordReset:     UsernamePayload{},
	EventRoleChanged:       RoleChangedPayload{},
	EventUserEnabled:       UsernamePayload{},
	EventUserDisabled:      UsernamePayload{},
	EventLanguageSet:       LanguageSetPayload{},
	EventExtraRolesSet:     ExtraRolesPayload{},
}

// ExtraRolesPayload is the payload of user.extra_roles_set: the roles the user now
// holds in their department beyond their own.
type ExtraRolesPayload struct {
	Username string `json:"username"`
	Roles    []Role `json:"roles"`
}

// The payloads of the *.created events are the record created, with the Go
// field names as keys, as they were stored before they had types of their
// own; each has the fields of its record, so a pointer to the record
// converts to one (and a record that gains a field stops compiling here
// until its event is decided). ID is the id the row was given (0 in events
// written before the payloads had types, which were encoded before it was).

// RegionCreatedPayload is the payload of region.created.
type RegionCreatedPayload struct {
	Code       string `json:"Code"`
	Name       string `json:"Name"`
	NameEn     string `json:"NameEn"`
	Level      Level  `json:"Level"`
	ParentCode string `json:"ParentCode"`
	Path       string `json:"Path"`
}

// CentreCreatedPayload is the payload of centre.created.
type CentreCreatedPayload struct {
	ID         int64  `json:"ID"`
	RegionCode string `json:"RegionCode"`
	ParentID   int64  `json:"ParentID"`
	Name       string `json:"Name"`
	NameEn     string `json:"NameEn"`
	Address    string `json:"Address"`
}

// WindowCreatedPayload is the payload of window.created.
type WindowCreatedPayload struct {
	ID           int64  `json:"ID"`
	CentreID     int64  `json:"CentreID"`
	DepartmentID int64  `json:"DepartmentID"`
	Number       string `json:"Number"`
	Name         string `json:"Name"`
}

// DepartmentCreatedPayload is the payload of department.created.
type DepartmentCreatedPayload struct {
	ID         int64  `json:"ID"`
	Code       string `json:"Code"`
	RegionCode string `json:"RegionCode"`
	Name       string `json:"Name"`
	NameEn     string `json:"NameEn"`
}

// The user payloads' fields are in the order of their JSON keys: they were
// maps before they had types, and so they still encode byte for byte alike.

// UserCreatedPayload is the payload of user.created.
type UserCreatedPayload struct {
	DepartmentID int64         `json:"department_id"`
	Kind         ApplicantKind `json:"kind"`
	Region       string        `json:"region"`
	Role         Role          `json:"role"`
	Username     string        `json:"username"`
}

// UsernamePayload is the payload of user.password_changed,
// user.password_reset, user.enabled and user.disabled.
type UsernamePayload struct {
	Username string `json:"username"`
}

// RoleChangedPayload is the payload of user.role_changed: the user's role
// went From one To another, in DepartmentID or Region.
type RoleChangedPayload struct {
	DepartmentID int64  `json:"department_id"`
	From         Role   `json:"from"`
	Region       string `json:"region"`
	To           Role   `json:"to"`
	Username     string `json:"username"`
}

// LanguageSetPayload is the payload of user.language_set.
type LanguageSetPayload struct {
	Lang string `json:"lang"`
}
