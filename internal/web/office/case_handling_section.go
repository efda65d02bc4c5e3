package office

import (
	"strconv"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/web/page"
)

// handlingSection is the handling of a case as _case_handling.html draws
// it, in the reader's language.
type handlingSection struct {
	Number      string
	Specials    []specialRow
	Extensions  []extensionRow
	Assessments []assessmentRow
	Kinds       []option          // the special procedures, for the form
	Fees        []feeOption       // the item's fee list, for the form
	Problem     map[string]string // form → what is wrong in what was typed
	Refusal     string            // why an action was refused, when it was not a mistake in typing
	// What the reader may do now; nothing for a supervisor.
	MayHandle, MayApprove, MayPay bool
	Running                       bool   // a special procedure runs
	Pending                       bool   // an extension waits for the approver
	ExtensionLeft                 int    // working days the cap still allows
	Due                           string // yuan due on the assessment waiting for payment, "" for none
}

type specialRow struct {
	ID                                   int64
	Kind, Reason, Started, Ended, Result string
	ExpectedDays, SpentDays              int
	Running                              bool
}

type extensionRow struct {
	ID                                       int64
	Days                                     int
	Reason, Status, Requested, Decided, Note string
	Pending                                  bool
}

type assessmentRow struct {
	Lines                                  []lineRow
	Total, PayDue, Status, Paid, Reference string
	PayDays                                int
	RefuseUnpaid                           bool
}

type lineRow struct {
	Name, Yuan, Basis string
}

type option struct {
	Value, Words string
}

type feeOption struct {
	Index                 int
	Name, Standard, Limit string // Limit: the fixed amount in yuan, "" when the item leaves it open
}

func newHandlingSection(v *page.View, hv casework.HandlingView, sched casework.FeeSchedule) handlingSection {
	s := handlingSection{Number: string(hv.Case.Number), MayHandle: hv.MayHandle, MayApprove: hv.MayApproveExtension,
		MayPay: hv.MayRecordPayment, ExtensionLeft: hv.ExtensionLeft}
	for _, k := range casework.SpecialKinds {
		s.Kinds = append(s.Kinds, option{Value: string(k), Words: v.T("handling.kind." + string(k))})
	}
	for _, sp := range hv.Specials {
		row := specialRow{ID: sp.ID, Kind: v.T("handling.kind." + string(sp.Kind)), Reason: sp.Reason, Started: page.Time(sp.StartedAt),
			Result: sp.Result, ExpectedDays: sp.ExpectedDays, SpentDays: sp.SpentDays, Running: sp.Running()}
		if !sp.Running() {
			row.Ended = page.Time(sp.EndedAt)
		}
		s.Running = s.Running || sp.Running()
		s.Specials = append(s.Specials, row)
	}
	for _, e := range hv.Extensions {
		row := extensionRow{ID: e.ID, Days: e.Days, Reason: e.Reason, Status: v.T("handling.extension.status." + string(e.Status)),
			Requested: page.Time(e.RequestedAt), Note: e.Note, Pending: e.Status == casework.ExtensionRequested}
		if !e.DecidedAt.IsZero() {
			row.Decided = page.Time(e.DecidedAt)
		}
		s.Pending = s.Pending || row.Pending
		s.Extensions = append(s.Extensions, row)
	}
	for _, a := range hv.Assessments {
		row := assessmentRow{Total: page.Yuan(a.TotalFen), Status: v.T("handling.fees.status." + string(a.Status)), Reference: a.Reference,
			PayDays: a.PayDays, RefuseUnpaid: a.RefuseUnpaid}
		if !a.PayDue.IsZero() {
			row.PayDue = page.Time(a.PayDue)
		}
		if !a.PaidAt.IsZero() {
			row.Paid = page.Time(a.PaidAt)
		}
		for _, l := range a.Lines {
			row.Lines = append(row.Lines, lineRow{Name: l.Name, Yuan: page.Yuan(l.AmountFen), Basis: l.Basis})
		}
		if a.Status == casework.FeesDue {
			s.Due = page.Yuan(a.TotalFen)
		}
		s.Assessments = append(s.Assessments, row)
	}
	for i, f := range sched.Fees {
		opt := feeOption{Index: i, Name: f.Name, Standard: f.Standard}
		if f.AmountFen > 0 {
			opt.Limit = page.Yuan(f.AmountFen)
		}
		s.Fees = append(s.Fees, opt)
	}
	return s
}

// fen reads an amount typed in yuan (12, 12.5, 12.50) as fen; ok is false
// for anything else.
func fen(s string) (int64, bool) {
	yuan, cents, frac := s, "", false
	for i, c := range s {
		if c == '.' {
			yuan, cents, frac = s[:i], s[i+1:], true
			break
		}
	}
	if yuan == "" || len(cents) > 2 || frac && cents == "" {
		return 0, false
	}
	y, err := strconv.ParseInt(yuan, 10, 64)
	if err != nil || y < 0 || y > 100_000_000 {
		return 0, false
	}
	for len(cents) < 2 {
		cents += "0"
	}
	c, err := strconv.ParseInt(cents, 10, 64)
	if err != nil || c < 0 {
		return 0, false
	}
	return y*100 + c, true
}
