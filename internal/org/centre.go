package org

import (
	"context"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/store"
)

// Centre is a service centre (政务服务中心) or sub-centre (分中心) of a region.
type Centre struct {
	ID         int64
	RegionCode string
	ParentID   int64
	Name       string
	NameEn     string
	Address    string
}

// Window is a counter (窗口) in a centre, staffed by one department.
type Window struct {
	ID           int64
	CentreID     int64
	DepartmentID int64
	Number       string
	Name         string
}

// CreateCentre adds a service centre to a region.
func (o *Org) CreateCentre(ctx context.Context, actor string, c Centre) (Centre, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, invalid("name", "form.required")
	}
	if _, err := o.Region(ctx, c.RegionCode); err != nil {
		return c, invalid("region", "org.region.unknown")
	}
	err := o.change(ctx, actor, "region:"+c.RegionCode, EventCentreCreated, (*CentreCreatedPayload)(&c), func(tx *store.Tx) error {
		var parent any
		if c.ParentID != 0 {
			parent = c.ParentID
		}
		err := tx.QueryRow(ctx, `INSERT INTO centres (region_code, parent_id, name, name_en, address, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.RegionCode, parent, c.Name, c.NameEn, c.Address, store.Micros(o.now())).Scan(&c.ID)
		if store.IsUniqueViolation(err) {
			return ErrConflict
		}
		return err
	})
	return c, err
}

// CreateWindow adds a window to a centre.
func (o *Org) CreateWindow(ctx context.Context, actor string, w Window) (Window, error) {
	w.Number = strings.TrimSpace(w.Number)
	w.Name = strings.TrimSpace(w.Name)
	switch {
	case w.Number == "":
		return w, invalid("number", "form.required")
	case w.Name == "":
		return w, invalid("name", "form.required")
	}
	var region string
	if err := o.q.QueryRow(ctx, `SELECT region_code FROM centres WHERE id = ?`, w.CentreID).Scan(&region); err != nil {
		return w, invalid("centre", "org.centre.unknown")
	}
	if w.DepartmentID != 0 {
		if _, err := o.Department(ctx, w.DepartmentID); err != nil {
			return w, invalid("department", "org.department.unknown")
		}
	}
	err := o.change(ctx, actor, "region:"+region, EventWindowCreated, (*WindowCreatedPayload)(&w), func(tx *store.Tx) error {
		var dept any
		if w.DepartmentID != 0 {
			dept = w.DepartmentID
		}
		err := tx.QueryRow(ctx, `INSERT INTO windows (centre_id, department_id, number, name, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, w.CentreID, dept, w.Number, w.Name, store.Micros(o.now())).Scan(&w.ID)
		if store.IsUniqueViolation(err) {
			return ErrConflict
		}
		return err
	})
	return w, err
}

// Centres lists the centres of the regions under root (all when empty).
func (o *Org) Centres(ctx context.Context, root string) ([]Centre, error) {
	prefix, err := o.pathOf(ctx, root)
	if err != nil {
		return nil, err
	}
	rows, err := o.q.Query(ctx, `SELECT c.id, c.region_code, COALESCE(c.parent_id, 0), c.name, c.name_en, c.address
		FROM centres c JOIN regions r ON r.code = c.region_code WHERE r.path LIKE ? ORDER BY r.path, c.id`, prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("org: unable to list centres: %w", err)
	}
	defer rows.Close()
	var out []Centre
	for rows.Next() {
		var c Centre
		if err := rows.Scan(&c.ID, &c.RegionCode, &c.ParentID, &c.Name, &c.NameEn, &c.Address); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Windows lists the windows of a centre.
func (o *Org) Windows(ctx context.Context, centreID int64) ([]Window, error) {
	rows, err := o.q.Query(ctx, `SELECT id, centre_id, COALESCE(department_id, 0), number, name
		FROM windows WHERE centre_id = ? ORDER BY number`, centreID)
	if err != nil {
		return nil, fmt.Errorf("org: unable to list windows: %w", err)
	}
	defer rows.Close()
	var out []Window
	for rows.Next() {
		var w Window
		if err := rows.Scan(&w.ID, &w.CentreID, &w.DepartmentID, &w.Number, &w.Name); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
