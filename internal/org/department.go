package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/store"
)

// Department is a 委办局 of a region, e.g. 市场监督管理局.
type Department struct {
	ID         int64
	Code       string
	RegionCode string
	Name       string
	NameEn     string
}

// CreateDepartment adds a department to an existing region.
func (o *Org) CreateDepartment(ctx context.Context, actor string, d Department) (Department, error) {
	d.Code = strings.TrimSpace(d.Code)
	d.Name = strings.TrimSpace(d.Name)
	switch {
	case d.Code == "":
		return d, invalid("code", "form.required")
	case d.Name == "":
		return d, invalid("name", "form.required")
	}
	if _, err := o.Region(ctx, d.RegionCode); err != nil {
		return d, invalid("region", "org.region.unknown")
	}
	err := o.change(ctx, actor, "department:"+d.Code, EventDepartmentCreated, (*DepartmentCreatedPayload)(&d), func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO departments (code, region_code, name, name_en, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, d.Code, d.RegionCode, d.Name, d.NameEn, store.Micros(o.now())).Scan(&d.ID)
		if store.IsUniqueViolation(err) {
			return ErrConflict
		}
		return err
	})
	return d, err
}

const departmentColumns = `id, code, region_code, name, name_en`

func scanDepartment(row interface{ Scan(...any) error }) (Department, error) {
	var d Department
	err := row.Scan(&d.ID, &d.Code, &d.RegionCode, &d.Name, &d.NameEn)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	return d, err
}

// Department returns one department by id.
func (o *Org) Department(ctx context.Context, id int64) (Department, error) {
	return scanDepartment(o.q.QueryRow(ctx, `SELECT `+departmentColumns+` FROM departments WHERE id = ?`, id))
}

// DepartmentByCode returns one department by its code.
func (o *Org) DepartmentByCode(ctx context.Context, code string) (Department, error) {
	return scanDepartment(o.q.QueryRow(ctx, `SELECT `+departmentColumns+` FROM departments WHERE code = ?`, code))
}

// Departments lists the departments of the regions under root (all when
// root is empty), by region then name.
func (o *Org) Departments(ctx context.Context, root string) ([]Department, error) {
	prefix, err := o.pathOf(ctx, root)
	if err != nil {
		return nil, err
	}
	rows, err := o.q.Query(ctx, `SELECT d.id, d.code, d.region_code, d.name, d.name_en
		FROM departments d JOIN regions r ON r.code = d.region_code
		WHERE r.path LIKE ? ORDER BY r.path, d.code`, prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("org: unable to list departments: %w", err)
	}
	defer rows.Close()
	var out []Department
	for rows.Next() {
		d, err := scanDepartment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
