package casework

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// Handling a case between acceptance and decision, beside its process's
// steps: special procedures that stop its clocks (special.go), extensions
// of its limit (extension.go), and fees and their payment (fee.go). Each
// function takes the user acting, asks auth whether they may, and changes
// the case, its clocks and its stream in one transaction.

var (
	// ErrNotYours: the user is of the case's department but this action
	// is another role's (an approver asking for an extension, a handler
	// recording a payment…).
	ErrNotYours = refuse.Forbidden("casework: this action on the case is another role's", "handling.not_yours")
	// ErrNotInHandling: the case is not between acceptance and decision.
	ErrNotInHandling = refuse.Conflict("casework: the case is not in handling", "handling.not_in_handling")
)

// handled reads case n inside tx for u to act on, when may allows it. A
// user who is not staff of the case's department is told the case is not
// found; one who is, but may not, is refused; a case not in handling is a
// conflict.
func (c *Casework) handled(ctx context.Context, tx *store.Tx, u org.User, n Number, may func(org.User, int64) bool) (Case, error) {
	cs, err := hReadCase(ctx, tx, n)
	if err != nil {
		return Case{}, err
	}
	if !auth.CanActOnCase(u, cs.DepartmentID) {
		return Case{}, ErrNotFound
	}
	if !may(u, cs.DepartmentID) {
		return Case{}, ErrNotYours
	}
	if !hHandling(cs.Status) {
		return Case{}, ErrNotInHandling
	}
	return cs, nil
}

// The clock purposes casework starts beside the case's limits: the
// acceptance limit (before handling), payment limits (fee.go), and the
// process's step limits, which the process pauses on its own.
const (
	acceptancePurpose = "acceptance"
	paymentPrefix     = "payment:"
	stepPrefix        = "step:"
)

// limitClocks lists the purposes of the running clocks that hold the case
// to its time limits (法定时限, 承诺时限): every running clock of the case
// but the acceptance, payment and step clocks. A special procedure pauses
// them and an extension lengthens them.
func (c *Casework) limitClocks(ctx context.Context, tx *store.Tx, n Number) ([]string, error) {
	all, err := c.deadlines.Running(ctx, tx, Stream(n))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range all {
		if p != acceptancePurpose && !strings.HasPrefix(p, paymentPrefix) && !strings.HasPrefix(p, stepPrefix) {
			out = append(out, p)
		}
	}
	return out, nil
}

// text trims what a person typed and bounds it, in characters.
func text(s string, max int) (string, bool) {
	s = strings.TrimSpace(s)
	return s, len([]rune(s)) <= max
}

// notFound turns a row that is not there into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// scanner is a row or rows to scan.
type scanner interface{ Scan(...any) error }

// queryAll reads every row of query with scan; what names the rows in an
// error.
func queryAll[T any](ctx context.Context, q store.Querier, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("casework: unable to list %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("casework: unable to list %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
