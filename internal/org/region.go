package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/ident"
	"github.com/shenpi/shenpi/internal/store"
)

// Level is a region's place in the tree.
type Level string

const (
	Province Level = "province"
	City     Level = "city"
	County   Level = "county"
	Township Level = "township"
)

var levelDepth = map[Level]int{Province: 0, City: 1, County: 2, Township: 3}

// Region is one node of the region tree. Path is the chain of codes from
// the root, e.g. /320000/320100/320102/.
type Region struct {
	Code       string
	Name       string
	NameEn     string
	Level      Level
	ParentCode string
	Path       string
}

// Contains reports whether other is r itself or lies below it.
func (r Region) Contains(other Region) bool {
	return strings.HasPrefix(other.Path, r.Path)
}

// CreateRegion adds a region under its parent (none for a province). The
// level must sit directly below the parent's.
func (o *Org) CreateRegion(ctx context.Context, actor string, r Region) (Region, error) {
	code, err := ident.ParseRegionCode(r.Code)
	if err != nil {
		return r, invalid("code", problemKey(err))
	}
	r.Code = string(code)
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return r, invalid("name", "form.required")
	}
	if _, ok := levelDepth[r.Level]; !ok {
		r.Level = Level(code.Level())
	}
	r.Path = "/" + r.Code + "/"
	if r.ParentCode != "" {
		parent, err := o.Region(ctx, r.ParentCode)
		if err != nil {
			return r, invalid("parent", "org.region.parent_unknown")
		}
		if levelDepth[r.Level] != levelDepth[parent.Level]+1 {
			return r, invalid("level", "org.region.level_order")
		}
		r.Path = parent.Path + r.Code + "/"
	} else if r.Level != Province {
		return r, invalid("parent", "org.region.parent_required")
	}
	err = o.change(ctx, actor, "region:"+r.Code, EventRegionCreated, (*RegionCreatedPayload)(&r), func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO regions (code, name, name_en, level, parent_code, path, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Code, r.Name, r.NameEn, string(r.Level), nullString(r.ParentCode), r.Path, store.Micros(o.now()))
		if store.IsUniqueViolation(err) {
			return ErrConflict
		}
		return err
	})
	return r, err
}

const regionColumns = `code, name, name_en, level, COALESCE(parent_code, ''), path`

func scanRegion(row interface{ Scan(...any) error }) (Region, error) {
	var r Region
	err := row.Scan(&r.Code, &r.Name, &r.NameEn, &r.Level, &r.ParentCode, &r.Path)
	return r, err
}

// Region returns one region by code.
func (o *Org) Region(ctx context.Context, code string) (Region, error) {
	r, err := scanRegion(o.q.QueryRow(ctx, `SELECT `+regionColumns+` FROM regions WHERE code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// Regions returns the regions under (and including) root, in tree order;
// an empty root means all.
func (o *Org) Regions(ctx context.Context, root string) ([]Region, error) {
	prefix, err := o.pathOf(ctx, root)
	if err != nil {
		return nil, err
	}
	rows, err := o.q.Query(ctx, `SELECT `+regionColumns+` FROM regions WHERE path LIKE ? ORDER BY path`, prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("org: unable to list regions: %w", err)
	}
	defer rows.Close()
	var out []Region
	for rows.Next() {
		r, err := scanRegion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// pathOf is the path prefix of everything under root: the region's path,
// or "/" (everything) when root is empty.
func (o *Org) pathOf(ctx context.Context, root string) (string, error) {
	if root == "" {
		return "/", nil
	}
	r, err := o.Region(ctx, root)
	if err != nil {
		return "", err
	}
	return r.Path, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func problemKey(err error) string {
	var p *ident.Problem
	if errors.As(err, &p) {
		return p.Key
	}
	return "form.invalid"
}
