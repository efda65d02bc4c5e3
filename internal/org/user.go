package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/ident"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/store"
)

// User is anyone who logs in. Scope is the region path a user acts in:
// their department's region for staff, their own region for supervisors and
// administrators, empty for applicants.
type User struct {
	ID            int64
	Username      string
	Role          Role
	ApplicantKind ApplicantKind
	DisplayName   string
	IDNumber      string
	CreditCode    string
	Mobile        string
	Email         string
	DepartmentID  int64
	RegionCode    string
	Scope         string
	MustChange    bool
	Disabled      bool
	Lang          string
	CreatedAt     time.Time
	// ExtraRoles are the roles a member of staff holds in their department beyond
	// Role (a handler who also reviews); see Holds.
	ExtraRoles []Role
}

// Stream is the event stream of this user's administrative history.
func (u User) Stream() string { return "user:" + u.Username }

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{2,31}$`)

// normalise validates a new user's fields and fills in the canonical forms.
func (o *Org) normalise(ctx context.Context, u *User) error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	if !usernamePattern.MatchString(u.Username) {
		return invalid("username", "org.user.username_format")
	}
	if u.DisplayName == "" {
		return invalid("display_name", "form.required")
	}
	if !u.Role.Valid() {
		return invalid("role", "org.user.role_unknown")
	}
	if u.Mobile != "" {
		m, err := ident.ParseMobile(u.Mobile)
		if err != nil {
			return invalid("mobile", problemKey(err))
		}
		u.Mobile = string(m)
	}
	switch {
	case u.Role == RoleApplicant:
		return normaliseApplicant(u)
	case u.Role.IsStaff():
		d, err := o.Department(ctx, u.DepartmentID)
		if err != nil {
			return invalid("department", "org.department.unknown")
		}
		u.RegionCode = d.RegionCode
	default: // supervisor, sysadmin
		if _, err := o.Region(ctx, u.RegionCode); err != nil {
			return invalid("region", "org.region.unknown")
		}
		u.DepartmentID = 0
	}
	return nil
}

func normaliseApplicant(u *User) error {
	u.DepartmentID, u.RegionCode = 0, ""
	switch u.ApplicantKind {
	case Citizen:
		id, err := ident.ParseResidentID(u.IDNumber)
		if err != nil {
			return invalid("id_number", problemKey(err))
		}
		u.IDNumber, u.CreditCode = string(id), ""
	case Company:
		cc, err := ident.ParseCreditCode(u.CreditCode)
		if err != nil {
			return invalid("credit_code", problemKey(err))
		}
		u.CreditCode = string(cc)
		if u.IDNumber != "" { // the legal representative's ID, optional
			id, err := ident.ParseResidentID(u.IDNumber)
			if err != nil {
				return invalid("id_number", problemKey(err))
			}
			u.IDNumber = string(id)
		}
	default:
		return invalid("applicant_kind", "org.user.applicant_kind")
	}
	return nil
}

// CreateUser validates u and stores it with the given password hash.
func (o *Org) CreateUser(ctx context.Context, actor string, u User, passwordHash string) (User, error) {
	if err := o.normalise(ctx, &u); err != nil {
		return u, err
	}
	now := o.now()
	payload := UserCreatedPayload{DepartmentID: u.DepartmentID, Kind: u.ApplicantKind, Region: u.RegionCode, Role: u.Role, Username: u.Username}
	err := o.change(ctx, actor, u.Stream(), EventUserCreated, payload, func(tx *store.Tx) error {
		var dept any
		if u.DepartmentID != 0 {
			dept = u.DepartmentID
		}
		sealed, err := sealUser(tx.Keys(), u)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO users (username, role, applicant_kind, display_name, id_number, id_number_hash, credit_code,
			mobile, email, department_id, region_code, password_hash, must_change, disabled, lang, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?) RETURNING id`,
			u.Username, string(u.Role), string(u.ApplicantKind), u.DisplayName, sealed.idNumber, sealed.idNumberHash, u.CreditCode,
			sealed.mobile, u.Email, dept, nullString(u.RegionCode), passwordHash, u.MustChange, u.Lang,
			store.Micros(now), store.Micros(now)).Scan(&u.ID)
		if store.IsUniqueViolation(err) {
			return invalid("username", "org.user.username_taken")
		}
		if err != nil {
			return err
		}
		return claimIdentity(ctx, tx, u, sealed.idNumberHash)
	})
	if err != nil {
		return u, err
	}
	return o.User(ctx, u.ID)
}

const (
	userColumns = `u.id, u.username, u.role, u.applicant_kind, u.display_name, u.id_number, u.credit_code,
	u.mobile, u.email, COALESCE(u.department_id, 0), COALESCE(u.region_code, ''), COALESCE(r.path, ''),
	u.must_change, u.disabled, u.lang, u.created_at, u.password_hash, u.extra_roles`
	userFrom   = `users u LEFT JOIN regions r ON r.code = u.region_code`
	userSelect = `SELECT ` + userColumns + ` FROM ` + userFrom + ` `
)

func (o *Org) scanUser(row interface{ Scan(...any) error }) (User, string, error) {
	var (
		u       User
		created int64
		hash    string
		extra   string
	)
	err := row.Scan(&u.ID, &u.Username, &u.Role, &u.ApplicantKind, &u.DisplayName, &u.IDNumber, &u.CreditCode,
		&u.Mobile, &u.Email, &u.DepartmentID, &u.RegionCode, &u.Scope, &u.MustChange, &u.Disabled, &u.Lang, &created, &hash, &extra)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", ErrNotFound
	}
	if err != nil {
		return u, "", err
	}
	u.CreatedAt, u.ExtraRoles = store.FromMicros(created), decodeRoles(extra)
	return u, hash, openUser(o.q.Keys(), &u)
}

// User returns one user by id.
func (o *Org) User(ctx context.Context, id int64) (User, error) {
	u, _, err := o.scanUser(o.q.QueryRow(ctx, userSelect+`WHERE u.id = ?`, id))
	return u, err
}

// UserWithHash returns a user by username with the stored password hash,
// for auth to check a login.
func (o *Org) UserWithHash(ctx context.Context, username string) (User, string, error) {
	return o.scanUser(o.q.QueryRow(ctx, userSelect+`WHERE u.username = ?`, strings.ToLower(strings.TrimSpace(username))))
}

// UserFilter narrows Users. Scope limits to staff, supervisors and admins
// whose region path starts with it; DepartmentID to one department.
type UserFilter struct {
	Scope        string
	DepartmentID int64
	Role         Role
}

// Users lists users matching f, by username.
func (o *Org) Users(ctx context.Context, f UserFilter) ([]User, error) {
	where, args := f.where()
	rows, err := o.q.Query(ctx, userSelect+`WHERE `+where+` ORDER BY u.username`, args...)
	if err != nil {
		return nil, fmt.Errorf("org: unable to list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, _, err := o.scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// usersOrder is the users list's order, by the unique username (and the
// indexes users_department_page and users_role_page within a filter).
var usersOrder = keyset.Order{Columns: []string{"u.username"}}

// UsersOrderColumns is how many values a cursor of UsersPage holds.
const UsersOrderColumns = 1

// UsersPage is a page of Users, for lists that grow with the organisation.
func (o *Org) UsersPage(ctx context.Context, f UserFilter, req keyset.Request) (keyset.Page[User], error) {
	where, args := f.where()
	p, err := keyset.Fetch(ctx, o.q, keyset.Query{Columns: userColumns, From: userFrom, Where: where, Args: args, Order: usersOrder},
		req, func(row keyset.Scanner) (User, []any, error) {
			u, _, err := o.scanUser(row)
			return u, []any{u.Username}, err
		})
	if err != nil {
		return p, fmt.Errorf("org: unable to list users: %w", err)
	}
	return p, nil
}

// where is the filter's condition on users u joined to their regions r.
func (f UserFilter) where() (string, []any) {
	q := `1 = 1`
	var args []any
	if f.Scope != "" {
		q += ` AND r.path LIKE ?`
		args = append(args, f.Scope+"%")
	}
	if f.DepartmentID != 0 {
		q += ` AND u.department_id = ?`
		args = append(args, f.DepartmentID)
	}
	switch {
	case slices.Contains(HandlingRoles, f.Role):
		// Staff may hold a handling role beyond their own (see Holds).
		q += ` AND (u.role = ? OR u.extra_roles LIKE ?)`
		args = append(args, string(f.Role), "%,"+string(f.Role)+",%")
	case f.Role != "":
		q += ` AND u.role = ?`
		args = append(args, string(f.Role))
	}
	return q, args
}

// CountUsers tells whether the database is new.
func (o *Org) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := o.q.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// SetPassword stores a new hash. reset marks an administrator's reset (the
// user must change it at next login) rather than the user's own change.
func (o *Org) SetPassword(ctx context.Context, actor string, u User, hash string, reset bool) error {
	typ := EventPasswordChanged
	if reset {
		typ = EventPasswordReset
	}
	return o.change(ctx, actor, u.Stream(), typ, UsernamePayload{Username: u.Username}, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE users SET password_hash = ?, must_change = ?, updated_at = ? WHERE id = ?`,
			hash, reset, store.Micros(o.now()), u.ID)
		return err
	})
}

// SetRole changes what a user does and where.
func (o *Org) SetRole(ctx context.Context, actor string, u User, role Role, departmentID int64, regionCode string) (User, error) {
	next := u
	next.Role, next.DepartmentID, next.RegionCode = role, departmentID, regionCode
	if err := o.normalise(ctx, &next); err != nil {
		return u, err
	}
	payload := RoleChangedPayload{DepartmentID: next.DepartmentID, From: u.Role, Region: next.RegionCode, To: next.Role, Username: u.Username}
	err := o.change(ctx, actor, u.Stream(), EventRoleChanged, payload, func(tx *store.Tx) error {
		var dept any
		if next.DepartmentID != 0 {
			dept = next.DepartmentID
		}
		// Roles held beyond one's own are of the department: they go with a move.
		extra := u.ExtraRoles
		if next.DepartmentID != u.DepartmentID || !next.Role.IsStaff() {
			extra = nil
		}
		_, err := tx.Exec(ctx, `UPDATE users SET role = ?, department_id = ?, region_code = ?, extra_roles = ?, updated_at = ? WHERE id = ?`,
			string(next.Role), dept, nullString(next.RegionCode), encodeRoles(next.Role, extra), store.Micros(o.now()), u.ID)
		return err
	})
	if err != nil {
		return u, err
	}
	return o.User(ctx, u.ID)
}

// SetDisabled disables or re-enables a login.
func (o *Org) SetDisabled(ctx context.Context, actor string, u User, disabled bool) error {
	typ := EventUserEnabled
	if disabled {
		typ = EventUserDisabled
	}
	return o.change(ctx, actor, u.Stream(), typ, UsernamePayload{Username: u.Username}, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?`, disabled, store.Micros(o.now()), u.ID)
		return err
	})
}

// SetLang remembers the user's interface language.
func (o *Org) SetLang(ctx context.Context, u User, lang string) error {
	return o.change(ctx, u.Username, u.Stream(), EventLanguageSet, LanguageSetPayload{Lang: lang}, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE users SET lang = ? WHERE id = ?`, lang, u.ID)
		return err
	})
}
