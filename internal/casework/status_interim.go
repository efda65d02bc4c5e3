package casework

// INTERIM: the statuses and the one writer of cases.status are lifecycle's
// (status.go on its branch: Status.CanBecome, Status.Handling, move,
// readCase). This file stands in for them under names of its own, so that
// both build side by side, until that lands; then handling uses lifecycle's
// and this file is deleted.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

const (
	stDeemed     Status = "deemed_accepted"
	stInHandling Status = "in_handling"
	stSpecial    Status = "special_procedure"
	stExtended   Status = "extended"
	stApproved   Status = "approved"
	stRefused    Status = "refused"
)

var hHandlingStatuses = []Status{Accepted, stDeemed, stInHandling, stSpecial, stExtended}

var hTransitions = map[Status][]Status{
	Accepted:     {stInHandling, stSpecial, stExtended, stApproved, stRefused, Withdrawn},
	stDeemed:     {stInHandling, stSpecial, stExtended, stApproved, stRefused, Withdrawn},
	stInHandling: {stSpecial, stExtended, stApproved, stRefused, Withdrawn},
	stSpecial:    {stInHandling, stExtended, Withdrawn},
	stExtended:   {stSpecial, stApproved, stRefused, Withdrawn},
}

func hCanBecome(s, t Status) bool { return slices.Contains(hTransitions[s], t) }

func hHandling(s Status) bool { return slices.Contains(hHandlingStatuses, s) }

func hStatusError(from, to Status) error {
	return &refuse.Error{Kind: refuse.ErrConflict, Text: fmt.Sprintf("casework: a %s case cannot become %s", from, to),
		Key: "handling.status", Code: "case.status", Args: map[string]any{"Status": string(from)}}
}

func hMove(ctx context.Context, tx *store.Tx, n Number, to Status, at time.Time) (Case, error) {
	cs, err := hReadCase(ctx, tx, n)
	if err != nil {
		return cs, err
	}
	if !hCanBecome(cs.Status, to) {
		return cs, hStatusError(cs.Status, to)
	}
	res, err := tx.Exec(ctx, `UPDATE cases SET status = ?, updated_at = ? WHERE number = ? AND status = ?`,
		string(to), store.Micros(at), string(n), string(cs.Status))
	if err != nil {
		return cs, fmt.Errorf("casework: unable to move case %s to %s: %w", n, to, err)
	}
	if k, err := res.RowsAffected(); err != nil || k != 1 {
		return cs, hStatusError(cs.Status, to)
	}
	return cs, nil
}

func hReadCase(ctx context.Context, q store.Querier, n Number) (Case, error) {
	cs, err := scanCaseSealed(q.Keys(), q.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE number = ?`, string(n)))
	if errors.Is(err, sql.ErrNoRows) {
		return cs, ErrNotFound
	}
	return cs, err
}
