package flow

import (
	"errors"
	"slices"
	"time"
)

// Directory answers who holds what; casework implements it over the users tables. It is
// the only thing Apply consults besides its arguments, and it must not change anything.
type Directory interface {
	// Resolve lists the users an assignee of kind "role" or "user" designates, with the
	// department already resolved to a real department code. An empty list is an error.
	Resolve(a Assignee, ctx ResolveContext) ([]string, error)
	// DeputyOf returns the user standing in for user at the instant (授权), if any.
	DeputyOf(user string, at time.Time) (string, bool)
}

// ResolveContext is what a Directory may need to resolve an assignee.
type ResolveContext struct {
	Departments Departments
	Node        string
	At          time.Time
}

// MemoryDirectory is a Directory held in memory, for tests and demos.
type MemoryDirectory struct {
	roles    map[string][]string // department + "/" + role → users
	users    map[string]bool
	deputies map[string][]delegation
}

type delegation struct {
	deputy   string
	from, to time.Time
}

// NewMemoryDirectory returns an empty directory.
func NewMemoryDirectory() *MemoryDirectory {
	return &MemoryDirectory{roles: map[string][]string{}, users: map[string]bool{}, deputies: map[string][]delegation{}}
}

// AddRole gives users a role in a department.
func (d *MemoryDirectory) AddRole(department, role string, users ...string) {
	k := department + "/" + role
	for _, u := range users {
		d.users[u] = true
		if !slices.Contains(d.roles[k], u) {
			d.roles[k] = append(d.roles[k], u)
		}
	}
}

// AddUser makes a user known without giving them a role.
func (d *MemoryDirectory) AddUser(users ...string) {
	for _, u := range users {
		d.users[u] = true
	}
}

// Delegate makes deputy stand in for user from from (inclusive) to to (exclusive).
func (d *MemoryDirectory) Delegate(user, deputy string, from, to time.Time) {
	d.users[deputy] = true
	d.deputies[user] = append(d.deputies[user], delegation{deputy, from, to})
}

var errUnknown = errors.New("no such user or role")

// Resolve implements Directory.
func (d *MemoryDirectory) Resolve(a Assignee, _ ResolveContext) ([]string, error) {
	switch a.Kind {
	case AssignRole:
		users := d.roles[a.Department+"/"+a.Role]
		if len(users) == 0 {
			return nil, errUnknown
		}
		return slices.Clone(users), nil
	case AssignUser:
		if !d.users[a.User] {
			return nil, errUnknown
		}
		return []string{a.User}, nil
	}
	return nil, errUnknown
}

// DeputyOf implements Directory.
func (d *MemoryDirectory) DeputyOf(user string, at time.Time) (string, bool) {
	for _, del := range d.deputies[user] {
		if !at.Before(del.from) && at.Before(del.to) {
			return del.deputy, true
		}
	}
	return "", false
}
