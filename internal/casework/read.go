package casework

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

const caseColumns = `number, region_code, department_id, item_code, item_version, item_name, applicant_id, channel,
	COALESCE(registered_by, 0), status, query_code, form, submitted_at, updated_at`

func (c *Casework) scanCase(row interface{ Scan(...any) error }) (Case, error) {
	return scanCaseSealed(c.db.Keys(), row)
}

// scanCaseSealed reads a case row, opening its sealed form with keys.
func scanCaseSealed(keys *seal.Keys, row interface{ Scan(...any) error }) (Case, error) {
	var (
		cs               Case
		form             string
		submitted, upd   int64
		number, ch, stat string
	)
	err := row.Scan(&number, &cs.RegionCode, &cs.DepartmentID, &cs.ItemCode, &cs.ItemVersion, &cs.ItemName, &cs.ApplicantID,
		&ch, &cs.RegisteredBy, &stat, &cs.QueryCode, &form, &submitted, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return cs, ErrNotFound
	}
	if err != nil {
		return cs, err
	}
	cs.Number, cs.Channel, cs.Status = Number(number), Channel(ch), Status(stat)
	cs.SubmittedAt, cs.UpdatedAt = store.FromMicros(submitted), store.FromMicros(upd)
	cs.Form, err = openForm(keys, formOfCase, form)
	return cs, err
}

// Case returns a case with its materials. It checks nothing: callers ask
// auth whether the user may see it first (or use CaseOf).
func (c *Casework) Case(ctx context.Context, n Number) (Case, error) {
	cs, err := c.scanCase(c.db.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE number = ?`, string(n)))
	if err != nil {
		return cs, err
	}
	cs.Materials, err = materialsOf(ctx, c.db, Stream(n))
	return cs, err
}

// Receipt returns a case for u to print its receipt (接件凭证): its
// applicant, or a clerk of its department handing it over at the window
// (auth.CanPrintReceipt). Anyone else is answered not found.
func (c *Casework) Receipt(ctx context.Context, u org.User, n Number) (Case, error) {
	cs, err := c.Case(ctx, n)
	if err != nil {
		return Case{}, err
	}
	if !auth.CanPrintReceipt(u, cs.ApplicantID, cs.DepartmentID) {
		return Case{}, ErrNotFound
	}
	return cs, nil
}

// CaseOf returns an applicant's own case; anyone else's is not found.
func (c *Casework) CaseOf(ctx context.Context, applicantID int64, n Number) (Case, error) {
	cs, err := c.Case(ctx, n)
	if err != nil || cs.ApplicantID != applicantID {
		return Case{}, ErrNotFound
	}
	return cs, nil
}

// mineOrder is "my cases": newest first, by the index cases_applicant_page.
var mineOrder = keyset.Order{Columns: []string{"submitted_at", "number"}, Desc: true}

// MineOrderColumns is how many values a cursor of Mine holds.
const MineOrderColumns = 2

// Mine lists a page of an applicant's cases, newest first.
func (c *Casework) Mine(ctx context.Context, applicantID int64, req keyset.Request) (keyset.Page[Case], error) {
	p, err := keyset.Fetch(ctx, c.db, keyset.Query{Columns: caseColumns, From: "cases", Where: "applicant_id = ?",
		Args: []any{applicantID}, Order: mineOrder}, req, func(row keyset.Scanner) (Case, []any, error) {
		cs, err := c.scanCase(row)
		return cs, []any{store.Micros(cs.SubmittedAt), string(cs.Number)}, err
	})
	if err != nil {
		return p, fmt.Errorf("casework: unable to list cases: %w", err)
	}
	return p, nil
}

// Step is one dated step of a case, as the public lookup shows it.
type Step struct {
	Type string
	At   time.Time
}

// Progress is what anyone with the number and query code may see: no
// personal data, only the item, the status and the dates of the steps.
type Progress struct {
	Number        Number
	ItemName      string
	Status        Status
	SubmittedAt   time.Time
	AcceptanceDue time.Time
	Steps         []Step
}

// Lookup answers the public case lookup. A wrong code and an unknown
// number give the same ErrNotFound.
func (c *Casework) Lookup(ctx context.Context, n Number, code string) (Progress, error) {
	cs, err := c.scanCase(c.db.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE number = ?`, string(n)))
	given := strings.ToUpper(strings.TrimSpace(code))
	if err != nil || subtle.ConstantTimeCompare([]byte(given), []byte(cs.QueryCode)) != 1 {
		return Progress{}, ErrNotFound
	}
	p := Progress{Number: cs.Number, ItemName: cs.ItemName, Status: cs.Status, SubmittedAt: cs.SubmittedAt}
	if st, err := c.deadlines.State(ctx, Stream(n), "acceptance", c.now()); err == nil {
		p.AcceptanceDue = st.Due
	}
	evs, err := event.Stream(ctx, c.db, Stream(n))
	if err != nil {
		return p, err
	}
	for _, e := range evs {
		if publicSteps[e.Type] {
			p.Steps = append(p.Steps, Step{Type: e.Type, At: e.At})
		}
	}
	return p, nil
}

// publicSteps are the events of a case's stream that its applicant and the public
// lookup see as steps; the rest (the process's tokens and tasks, which name staff) are
// the department's.
var publicSteps = map[string]bool{
	EventSubmitted: true, EventMaterialAdded: true, EventWithdrawn: true,
	flow.EventCaseStarted: true, flow.EventCaseSuspended: true, flow.EventCaseResumed: true, flow.EventCaseEnded: true,
	EventSpecialStarted: true, EventSpecialEnded: true, EventExtensionApproved: true,
	EventFeesAssessed: true, EventFeesPaid: true, EventFeesLapsed: true,
}

// Withdraw withdraws an applicant's own case that is not decided yet (撤回).
func (c *Casework) Withdraw(ctx context.Context, actor string, applicantID int64, n Number, reason string) error {
	return c.db.Tx(ctx, func(tx *store.Tx) error {
		cs, err := c.scanCase(tx.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE number = ?`, string(n)))
		if err != nil || cs.ApplicantID != applicantID {
			return ErrNotFound
		}
		if cs.Status.Decided() {
			return ErrNotWithdrawable
		}
		if _, err := tx.Exec(ctx, `UPDATE cases SET status = ?, updated_at = ? WHERE number = ?`,
			string(Withdrawn), store.Micros(c.now()), string(n)); err != nil {
			return err
		}
		if err := c.deadlines.Stop(ctx, tx, Stream(n), "acceptance"); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, Stream(n), EventWithdrawn, actor, WithdrawnPayload{Reason: strings.TrimSpace(reason)})
	})
}
