package casework

import (
	"context"
	"fmt"
	"strings"
)

// Summaries reads the cases of a page of some list (a to-do, a done list) in one
// statement, without their materials; a number that names no case is left out.
func (c *Casework) Summaries(ctx context.Context, numbers []Number) (map[Number]Case, error) {
	out := make(map[Number]Case, len(numbers))
	if len(numbers) == 0 {
		return out, nil
	}
	args := make([]any, len(numbers))
	for i, n := range numbers {
		args[i] = string(n)
	}
	rows, err := c.db.Query(ctx, `SELECT `+caseColumns+` FROM cases WHERE number IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to read cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		cs, err := c.scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("casework: unable to read cases: %w", err)
		}
		out[cs.Number] = cs
	}
	return out, rows.Err()
}

// Search narrows a staff member's lists to the cases of an item, or of some
// applicants, in one department.
type Search struct {
	DepartmentID int64
	ItemCode     string
	ApplicantIDs []int64 // nil: any applicant; empty: none
	Limit        int
}

// Numbers lists the numbers of at most s.Limit cases matching s, the newest first.
func (c *Casework) Numbers(ctx context.Context, s Search) ([]Number, error) {
	if s.ApplicantIDs != nil && len(s.ApplicantIDs) == 0 {
		return []Number{}, nil
	}
	q := `SELECT number FROM cases WHERE department_id = ?`
	args := []any{s.DepartmentID}
	if s.ItemCode != "" {
		q += ` AND item_code = ?`
		args = append(args, s.ItemCode)
	}
	if len(s.ApplicantIDs) > 0 {
		q += ` AND applicant_id IN (?` + strings.Repeat(", ?", len(s.ApplicantIDs)-1) + `)`
		for _, id := range s.ApplicantIDs {
			args = append(args, id)
		}
	}
	rows, err := c.db.Query(ctx, q+` ORDER BY submitted_at DESC LIMIT ?`, append(args, s.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to search cases: %w", err)
	}
	defer rows.Close()
	out := []Number{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, Number(n))
	}
	return out, rows.Err()
}
