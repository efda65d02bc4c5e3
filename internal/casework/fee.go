package casework

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// Fees (收费, Administrative Licensing Law Art. 58): the handler assesses
// the case's charges only from its item's fee list, each within the
// item's standard, with a limit for paying (seed 001 篇3 §13: 核定缴费的种类、
// 具体数额和缴费的期限); the window clerk records the payment (a payment
// gateway's callback will record it the same way); a case with fees unpaid
// is not approved (FeesSettled); and when the item says so, a case whose
// payment limit passes unpaid is refused (LapseUnpaid, seed 001 篇3 §20).

// FeeSchedule is what the case's item version says of fees: its list
// (收费标准) and its option to refuse a case whose fees go unpaid. The caller
// builds it from the catalogue, as it builds ItemVersion.
type FeeSchedule struct {
	Fees         []catalog.Fee
	RefuseUnpaid bool
}

// FeeLine is one charge as the handler assesses it: a fee of the item's
// list by name, and the amount in fen.
type FeeLine struct {
	Name      string
	AmountFen int64
}

// AssessedFee is one charge of an assessment, with the basis the item
// gives for it (收费依据).
type AssessedFee struct {
	Name      string
	AmountFen int64
	Basis     string
}

// AssessmentStatus is where an assessment's payment stands.
type AssessmentStatus string

const (
	FeesDue    AssessmentStatus = "due"    // waiting for payment
	FeesPaid   AssessmentStatus = "paid"   // paid in full
	FeesLapsed AssessmentStatus = "lapsed" // the payment limit passed unpaid
)

// Assessment is one payment notice (缴费通知书) of a case.
type Assessment struct {
	ID           int64
	Number       Number
	Lines        []AssessedFee
	TotalFen     int64
	PayDays      int       // working days to pay in
	PayDue       time.Time // close of business of the last day to pay
	RefuseUnpaid bool
	Status       AssessmentStatus
	AssessedBy   int64
	AssessedAt   time.Time
	PaidBy       int64
	PaidAt       time.Time
	Reference    string // the payment's receipt or transaction number
}

// Limits of an assessment.
const (
	MaxPayDays = 60
	// maxVariableFen bounds a fee whose amount the item leaves open: ten
	// million yuan, far above any charge, so a slipped key is caught.
	maxVariableFen = 1_000_000_000
)

var (
	// ErrFeesUnpaid: the case has fees assessed and not paid; it cannot be
	// approved (Art. 58's notice must be settled first).
	ErrFeesUnpaid = &refuse.Error{Kind: refuse.ErrConflict, Text: "casework: the case has unpaid fees",
		Key: "handling.fees.unpaid", Code: "fees_unpaid"}
	errFeesOutstanding = refuse.Conflict("casework: an assessment waits for payment", "handling.fees.outstanding")
	errNothingDue      = refuse.Conflict("casework: no fees are due", "handling.payment.nothing_due")
)

// paymentPurpose names the clock of assessment id's payment limit.
func paymentPurpose(id int64) string { return paymentPrefix + strconv.FormatInt(id, 10) }

// checkLines holds lines to the schedule and returns them with their basis.
func checkLines(sched FeeSchedule, lines []FeeLine) ([]AssessedFee, int64, error) {
	if len(lines) == 0 {
		return nil, 0, refuse.Field("casework: no fee assessed", "fees", "handling.fees.none")
	}
	seen := map[string]bool{}
	var out []AssessedFee
	var total int64
	for i, l := range lines {
		field := fmt.Sprintf("fees.%d", i)
		fee, ok := findFee(sched.Fees, strings.TrimSpace(l.Name))
		switch {
		case !ok:
			return nil, 0, &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: a fee not in the item's list", Field: field + ".name",
				Key: "handling.fees.not_listed", Code: "fee_not_listed", Args: map[string]any{"Name": l.Name}}
		case seen[fee.Name]:
			return nil, 0, &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: a fee assessed twice", Field: field + ".name",
				Key: "handling.fees.twice", Args: map[string]any{"Name": fee.Name}}
		case l.AmountFen <= 0 || fee.AmountFen > 0 && l.AmountFen > fee.AmountFen || l.AmountFen > maxVariableFen:
			return nil, 0, &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: a fee outside the item's standard", Field: field + ".amount_fen",
				Key: "handling.fees.amount", Code: "fee_amount", Args: map[string]any{"Name": fee.Name, "Standard": fee.Standard}}
		}
		seen[fee.Name] = true
		out = append(out, AssessedFee{Name: fee.Name, AmountFen: l.AmountFen, Basis: fee.Basis})
		total += l.AmountFen
	}
	return out, total, nil
}

func findFee(fees []catalog.Fee, name string) (catalog.Fee, bool) {
	for _, f := range fees {
		if f.Name == name {
			return f, true
		}
	}
	return catalog.Fee{}, false
}

// AssessFees assesses case n's fees: a handler of the case's department,
// only fees of sched (the case's item version), each within its standard,
// payable within payDays working days. The payment limit is a clock of
// the case, so a calendar edit moves it like any other.
func (c *Casework) AssessFees(ctx context.Context, u org.User, n Number, sched FeeSchedule, lines []FeeLine, payDays int) (Assessment, error) {
	if payDays < 1 || payDays > MaxPayDays {
		return Assessment{}, &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: payment days out of range", Field: "pay_days",
			Key: "handling.fees.pay_days", Args: map[string]any{"Max": MaxPayDays}}
	}
	assessed, total, err := checkLines(sched, lines)
	if err != nil {
		return Assessment{}, err
	}
	var out Assessment
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := c.handled(ctx, tx, u, n, auth.CanHandleCase); err != nil {
			return err
		}
		now := c.now()
		out = Assessment{Number: n, Lines: assessed, TotalFen: total, PayDays: payDays, RefuseUnpaid: sched.RefuseUnpaid,
			Status: FeesDue, AssessedBy: u.ID, AssessedAt: now}
		err := tx.QueryRow(ctx, `INSERT INTO fee_assessments (case_number, pay_days, refuse_unpaid, total_fen, status, assessed_by, assessed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, string(n), payDays, sched.RefuseUnpaid, total, string(FeesDue), u.ID, store.Micros(now)).Scan(&out.ID)
		if store.IsUniqueViolation(err) {
			return errFeesOutstanding
		}
		if err != nil {
			return fmt.Errorf("casework: unable to record the fees of %s: %w", n, err)
		}
		payload := FeesAssessedPayload{Assessment: out.ID, TotalFen: total, PayDays: payDays, RefuseUnpaid: sched.RefuseUnpaid}
		for i, l := range assessed {
			if _, err := tx.Exec(ctx, `INSERT INTO fee_lines (assessment_id, n, name, amount_fen, basis) VALUES (?, ?, ?, ?, ?)`,
				out.ID, i, l.Name, l.AmountFen, l.Basis); err != nil {
				return fmt.Errorf("casework: unable to record the fees of %s: %w", n, err)
			}
			payload.Lines = append(payload.Lines, FeeLinePayload(l))
		}
		cal, err := c.caseCalendar(ctx, tx, n)
		if err != nil {
			return err
		}
		out.PayDue, err = c.deadlines.Start(ctx, tx, Stream(n), paymentPurpose(out.ID), workday.ClockFromDays(cal, now, payDays))
		if err != nil {
			return err
		}
		payload.PayDue = out.PayDue.UTC().Format(time.RFC3339)
		return c.appendEvent(ctx, tx, Stream(n), EventFeesAssessed, u.Username, payload)
	})
	return out, err
}

// caseCalendar names the calendar case n's limits are counted on: the one
// its acceptance limit was started on at receipt.
func (c *Casework) caseCalendar(ctx context.Context, q store.Querier, n Number) (string, error) {
	clk, _, err := c.deadlines.Clock(ctx, q, Stream(n), acceptancePurpose)
	if err != nil {
		return "", err
	}
	return clk.Calendar, nil
}

// RecordPayment records that the fees due on case n were paid: a window
// clerk of the case's department, for the amount due exactly, with the
// payment's receipt or transaction number. A payment gateway's callback
// will record through the same rules.
func (c *Casework) RecordPayment(ctx context.Context, u org.User, n Number, amountFen int64, reference string) (Assessment, error) {
	reference, ok := text(reference, 100)
	switch {
	case reference == "":
		return Assessment{}, refuse.Field("casework: a payment needs its reference", "reference", "handling.payment.reference")
	case !ok:
		return Assessment{}, refuse.Field("casework: reference too long", "reference", "handling.too_long")
	}
	var out Assessment
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := c.handled(ctx, tx, u, n, auth.CanRecordPayment); err != nil {
			return err
		}
		a, err := dueAssessment(ctx, tx, n)
		if err != nil {
			return err
		}
		if amountFen != a.TotalFen {
			return &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: the amount paid is not the amount due", Field: "amount_fen",
				Key: "handling.payment.amount", Code: "payment_amount", Args: map[string]any{"Due": yuan(a.TotalFen), "Paid": yuan(amountFen)}}
		}
		now := c.now()
		if _, err := tx.Exec(ctx, `UPDATE fee_assessments SET status = ?, paid_by = ?, paid_at = ?, reference = ? WHERE id = ?`,
			string(FeesPaid), u.ID, store.Micros(now), reference, a.ID); err != nil {
			return fmt.Errorf("casework: unable to record the payment of %s: %w", n, err)
		}
		if err := c.deadlines.Stop(ctx, tx, Stream(n), paymentPurpose(a.ID)); err != nil {
			return err
		}
		a.Status, a.PaidBy, a.PaidAt, a.Reference = FeesPaid, u.ID, now, reference
		out = a
		return c.appendEvent(ctx, tx, Stream(n), EventFeesPaid, u.Username, FeesPaidPayload{Assessment: a.ID, AmountFen: amountFen, Reference: reference})
	})
	return out, err
}

// yuan writes fen as yuan for a message: 1250 → 12.50.
func yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

// FeesSettled refuses with ErrFeesUnpaid while case n has fees due. The
// decision calls it inside its transaction before approving.
func (c *Casework) FeesSettled(ctx context.Context, q store.Querier, n Number) error {
	var due int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM fee_assessments WHERE case_number = ? AND status = ?`,
		string(n), string(FeesDue)).Scan(&due); err != nil {
		return fmt.Errorf("casework: unable to read the fees of %s: %w", n, err)
	}
	if due > 0 {
		return ErrFeesUnpaid
	}
	return nil
}

const assessmentColumns = `id, case_number, pay_days, refuse_unpaid, total_fen, status, assessed_by, assessed_at,
	COALESCE(paid_by, 0), paid_at, reference`

func scanAssessment(row scanner) (Assessment, error) {
	var (
		a              Assessment
		number, status string
		assessed, paid int64
	)
	err := row.Scan(&a.ID, &number, &a.PayDays, &a.RefuseUnpaid, &a.TotalFen, &status, &a.AssessedBy, &assessed, &a.PaidBy, &paid, &a.Reference)
	a.Number, a.Status, a.AssessedAt = Number(number), AssessmentStatus(status), store.FromMicros(assessed)
	if paid != 0 {
		a.PaidAt = store.FromMicros(paid)
	}
	return a, err
}

// dueAssessment reads the assessment of case n waiting for payment.
func dueAssessment(ctx context.Context, q store.Querier, n Number) (Assessment, error) {
	a, err := scanAssessment(q.QueryRow(ctx, `SELECT `+assessmentColumns+` FROM fee_assessments WHERE case_number = ? AND status = ?`,
		string(n), string(FeesDue)))
	if err := notFound(err); err == ErrNotFound {
		return a, errNothingDue
	} else if err != nil {
		return a, err
	}
	return a, nil
}

// Assessments lists the fee assessments of case n with their charges and
// payment limits, oldest first. It checks nothing: the caller has shown
// the case to the user.
func (c *Casework) Assessments(ctx context.Context, n Number) ([]Assessment, error) {
	out, err := queryAll(ctx, c.db, "the fees of "+string(n), scanAssessment,
		`SELECT `+assessmentColumns+` FROM fee_assessments WHERE case_number = ? ORDER BY id`, string(n))
	if err != nil {
		return nil, err
	}
	// Read after the list is closed: PostgreSQL reads one result at a time
	// on a connection.
	for i := range out {
		if out[i].Lines, err = feeLines(ctx, c.db, out[i].ID); err != nil {
			return nil, err
		}
		st, err := c.deadlines.State(ctx, Stream(n), paymentPurpose(out[i].ID), c.now())
		if err != nil {
			return nil, err
		}
		out[i].PayDue = st.Due
	}
	return out, nil
}

func feeLines(ctx context.Context, q store.Querier, id int64) ([]AssessedFee, error) {
	return queryAll(ctx, q, fmt.Sprintf("the fees of assessment %d", id), func(row scanner) (AssessedFee, error) {
		var l AssessedFee
		return l, row.Scan(&l.Name, &l.AmountFen, &l.Basis)
	}, `SELECT name, amount_fen, basis FROM fee_lines WHERE assessment_id = ? ORDER BY n`, id)
}

// FeesOf is the fee schedule of a catalogue version.
func FeesOf(ver catalog.Version) FeeSchedule {
	return FeeSchedule{Fees: ver.Fees, RefuseUnpaid: ver.RefuseUnpaid}
}
