// Package demo loads a small, realistic organisation — Jiangsu province,
// Nanjing, two of its districts and a subdistrict, with their departments,
// service centres, windows and one user of every role — so that a new
// installation can be tried at once.
//
// Load is idempotent: it looks everything up by code, name or username
// before creating it, so running it again creates nothing. It only calls
// org's exported functions; it never writes tables itself, so every demo
// record has its event like any other.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/store"
)

// Password is the documented password of every demo user. Demo users are
// not asked to change it, so anyone trying Shenpi can log in as any role.
const Password = "DemoPass-2026"

// actor is recorded on the events of everything the demo creates.
const actor = "demo"

// Account is one demo login, for printing.
type Account struct {
	Username    string
	Role        org.Role
	DisplayName string
}

// Accounts lists the demo logins in the order they are documented.
type Accounts []Account

// Load creates whatever part of the demo is missing and returns the demo
// accounts. Everything is written through o; a and db are taken so that
// demo cases, items and tokens can be added here as those domains arrive
// without changing the callers.
func Load(ctx context.Context, o *org.Org, a *auth.Auth, db *store.DB) (Accounts, error) {
	for _, r := range regions {
		if err := ensureRegion(ctx, o, r); err != nil {
			return nil, err
		}
	}
	for _, d := range departments {
		if err := ensureDepartment(ctx, o, d); err != nil {
			return nil, err
		}
	}
	for _, c := range centres {
		if err := ensureCentre(ctx, o, c); err != nil {
			return nil, err
		}
	}
	var accounts Accounts
	for _, u := range users {
		created, err := ensureUser(ctx, o, u)
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, Account{Username: created.Username, Role: created.Role, DisplayName: created.DisplayName})
	}
	if err := ensureIdentity(ctx, o, db); err != nil {
		return nil, err
	}
	// The approval items, published, for the departments above.
	if err := catalog.LoadDemo(ctx, catalog.New(db, o, time.Now), "demo"); err != nil {
		return nil, err
	}
	// The processes the demo items run: serial, joint, countersign, loop.
	book, err := deadline.Open(ctx, db, time.Now)
	if err != nil {
		return nil, err
	}
	if err := process.LoadDemo(ctx, process.New(process.Config{DB: db, Org: o, Clocks: book, Now: time.Now}), "demo"); err != nil {
		return nil, err
	}
	return accounts, nil
}

func ensureRegion(ctx context.Context, o *org.Org, r org.Region) error {
	if _, err := o.Region(ctx, r.Code); err == nil {
		return nil
	} else if !errors.Is(err, org.ErrNotFound) {
		return fmt.Errorf("demo: unable to look up region %s: %w", r.Code, err)
	}
	if _, err := o.CreateRegion(ctx, actor, r); err != nil && !errors.Is(err, org.ErrConflict) {
		return fmt.Errorf("demo: unable to create region %s: %w", r.Code, err)
	}
	return nil
}

func ensureDepartment(ctx context.Context, o *org.Org, d org.Department) error {
	if _, err := o.DepartmentByCode(ctx, d.Code); err == nil {
		return nil
	} else if !errors.Is(err, org.ErrNotFound) {
		return fmt.Errorf("demo: unable to look up department %s: %w", d.Code, err)
	}
	if _, err := o.CreateDepartment(ctx, actor, d); err != nil && !errors.Is(err, org.ErrConflict) {
		return fmt.Errorf("demo: unable to create department %s: %w", d.Code, err)
	}
	return nil
}

// ensureCentre finds the centre by region and name (they are unique
// together) and adds whichever of its windows are missing, by number.
func ensureCentre(ctx context.Context, o *org.Org, spec centreSpec) error {
	c, err := findCentre(ctx, o, spec.centre.RegionCode, spec.centre.Name)
	if errors.Is(err, org.ErrNotFound) {
		c, err = o.CreateCentre(ctx, actor, spec.centre)
	}
	if err != nil {
		return fmt.Errorf("demo: unable to create centre %s: %w", spec.centre.Name, err)
	}
	existing, err := o.Windows(ctx, c.ID)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, w := range existing {
		have[w.Number] = true
	}
	for _, w := range spec.windows {
		if have[w.number] {
			continue
		}
		d, err := o.DepartmentByCode(ctx, w.department)
		if err != nil {
			return fmt.Errorf("demo: window %s of %s: department %s: %w", w.number, c.Name, w.department, err)
		}
		window := org.Window{CentreID: c.ID, DepartmentID: d.ID, Number: w.number, Name: w.name}
		if _, err := o.CreateWindow(ctx, actor, window); err != nil && !errors.Is(err, org.ErrConflict) {
			return fmt.Errorf("demo: unable to create window %s of %s: %w", w.number, c.Name, err)
		}
	}
	return nil
}

func findCentre(ctx context.Context, o *org.Org, region, name string) (org.Centre, error) {
	cs, err := o.Centres(ctx, region)
	if err != nil {
		return org.Centre{}, err
	}
	for _, c := range cs {
		if c.RegionCode == region && c.Name == name {
			return c, nil
		}
	}
	return org.Centre{}, org.ErrNotFound
}

// ensureUser returns the user with spec's username, creating it when
// absent. An existing user is left exactly as it is, password included.
func ensureUser(ctx context.Context, o *org.Org, spec userSpec) (org.User, error) {
	u, _, err := o.UserWithHash(ctx, spec.user.Username)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, org.ErrNotFound) {
		return u, fmt.Errorf("demo: unable to look up user %s: %w", spec.user.Username, err)
	}
	u = spec.user
	if spec.department != "" {
		d, err := o.DepartmentByCode(ctx, spec.department)
		if err != nil {
			return u, fmt.Errorf("demo: user %s: department %s: %w", u.Username, spec.department, err)
		}
		u.DepartmentID = d.ID
	}
	created, err := o.CreateUser(ctx, actor, u, auth.HashPassword(Password))
	if err != nil {
		return u, fmt.Errorf("demo: unable to create user %s: %w", u.Username, err)
	}
	return created, nil
}

// identity is the demo's site: a district's government services portal.
var identity = site.Identity{Name: "南京市玄武区政务服务网", NameEn: "Nanjing Xuanwu District Government Services",
	RegionCode: "320102", Contact: "12345 · 南京市玄武区北京东路41号 玄武区政务服务中心"}

// ensureIdentity gives the site the demo's identity, set by the demo's system
// administrator, unless it has one.
func ensureIdentity(ctx context.Context, o *org.Org, db *store.DB) error {
	s := site.New(db, o, time.Now)
	if s.Identity(ctx).Name != "" {
		return nil
	}
	admin, _, err := o.UserWithHash(ctx, "admin")
	if err != nil {
		return fmt.Errorf("demo: unable to find the administrator: %w", err)
	}
	_, err = s.Set(ctx, admin, identity)
	return err
}
