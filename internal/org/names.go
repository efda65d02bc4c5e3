package org

import (
	"context"
	"fmt"
	"strings"
)

// Names gives the real names (姓名) of users by username, in one statement, so that a
// page of a list names its people without a query per row. A user without a display
// name, or one org does not know, is named by username.
func (o *Org) Names(ctx context.Context, usernames []string) (map[string]string, error) {
	out := make(map[string]string, len(usernames))
	var args []any
	for _, u := range usernames {
		if _, ok := out[u]; !ok && u != "" {
			out[u] = u
			args = append(args, u)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := o.q.Query(ctx, `SELECT username, display_name FROM users WHERE username IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("org: unable to read names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, name string
		if err := rows.Scan(&u, &name); err != nil {
			return nil, err
		}
		if name != "" {
			out[u] = name
		}
	}
	return out, rows.Err()
}

// NamesByID gives the names of users by id, in one statement (applicants of a page of
// cases).
func (o *Org) NamesByID(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	var args []any
	for _, id := range ids {
		if _, ok := out[id]; !ok && id != 0 {
			out[id] = ""
			args = append(args, id)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := o.q.Query(ctx, `SELECT id, username, display_name FROM users WHERE id IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("org: unable to read names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var u, name string
		if err := rows.Scan(&id, &u, &name); err != nil {
			return nil, err
		}
		if name == "" {
			name = u
		}
		out[id] = name
	}
	return out, rows.Err()
}

// ApplicantsNamed lists the ids of at most limit applicants whose name contains name
// (a staff member's search of their to-do by applicant).
func (o *Org) ApplicantsNamed(ctx context.Context, name string, limit int) ([]int64, error) {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	rows, err := o.q.Query(ctx, `SELECT id FROM users WHERE role = 'applicant' AND display_name LIKE ? ESCAPE '\' ORDER BY id LIMIT ?`,
		"%"+r.Replace(name)+"%", limit)
	if err != nil {
		return nil, fmt.Errorf("org: unable to search applicants: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
