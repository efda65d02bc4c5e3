package casework

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// SpecialKind is a kind of special procedure (特别程序, Administrative
// Licensing Law Art. 45): the time it takes is not counted in the case's
// limits, and the applicant is told in writing how long it will take.
type SpecialKind string

// The special procedures the law names.
const (
	Hearing      SpecialKind = "hearing"       // 听证
	Tender       SpecialKind = "tender"        // 招标
	Auction      SpecialKind = "auction"       // 拍卖
	Inspection   SpecialKind = "inspection"    // 检验
	Testing      SpecialKind = "testing"       // 检测
	Quarantine   SpecialKind = "quarantine"    // 检疫
	Appraisal    SpecialKind = "appraisal"     // 鉴定
	ExpertReview SpecialKind = "expert_review" // 专家评审
	SiteSurvey   SpecialKind = "site_survey"   // 现场勘查
)

// SpecialKinds lists the kinds in the order forms offer them.
var SpecialKinds = []SpecialKind{Hearing, Tender, Auction, Inspection, Testing, Quarantine, Appraisal, ExpertReview, SiteSurvey}

// MaxSpecialDays bounds the expected duration a handler may give: a year
// of working days, far above any real procedure, so a typo is caught.
const MaxSpecialDays = 250

// Special is one special procedure of a case.
type Special struct {
	ID           int64
	Number       Number
	Kind         SpecialKind
	ExpectedDays int
	Reason       string
	StartedBy    int64
	StartedAt    time.Time
	EndedBy      int64
	EndedAt      time.Time // zero while it runs
	Result       string
	SpentDays    int // working days the case's clocks stood still
}

// Running reports whether the procedure has not ended.
func (s Special) Running() bool { return s.EndedAt.IsZero() }

// StartSpecial starts a special procedure of kind on case n, expected to
// take expectedDays working days, and pauses the case's limits until it
// ends (Art. 45). Only a handler of the case's department starts one, on a
// case in handling with none running.
func (c *Casework) StartSpecial(ctx context.Context, u org.User, n Number, kind SpecialKind, expectedDays int, reason string) (Special, error) {
	reason, ok := text(reason, 500)
	switch {
	case !slices.Contains(SpecialKinds, kind):
		return Special{}, refuse.Field("casework: unknown special procedure", "kind", "handling.special.kind")
	case expectedDays < 1 || expectedDays > MaxSpecialDays:
		return Special{}, &refuse.Error{Kind: refuse.ErrInvalid, Text: "casework: expected days out of range",
			Field: "expected_days", Key: "handling.special.days", Args: map[string]any{"Max": MaxSpecialDays}}
	case !ok:
		return Special{}, refuse.Field("casework: reason too long", "reason", "handling.too_long")
	}
	var out Special
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := c.handled(ctx, tx, u, n, auth.CanHandleCase); err != nil {
			return err
		}
		now := c.now()
		if _, err := hMove(ctx, tx, n, stSpecial, now); err != nil {
			return err
		}
		paused, err := c.limitClocks(ctx, tx, n)
		if err != nil {
			return err
		}
		for _, p := range paused {
			if err := c.deadlines.Pause(ctx, tx, Stream(n), p, now, workday.PauseSpecialProcedure); err != nil {
				return err
			}
		}
		out = Special{Number: n, Kind: kind, ExpectedDays: expectedDays, Reason: reason, StartedBy: u.ID, StartedAt: now}
		err = tx.QueryRow(ctx, `INSERT INTO special_procedures (case_number, kind, expected_days, reason, started_by, started_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, string(n), string(kind), expectedDays, reason, u.ID, store.Micros(now)).Scan(&out.ID)
		if err != nil {
			return fmt.Errorf("casework: unable to record the special procedure of %s: %w", n, err)
		}
		end, err := c.workdaysAfter(ctx, tx, n, now, expectedDays)
		if err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, Stream(n), EventSpecialStarted, u.Username, SpecialStartedPayload{
			ID: out.ID, Kind: string(kind), ExpectedDays: expectedDays, ExpectedEnd: end.String(), Reason: reason, Paused: paused})
	})
	return out, err
}

// EndSpecial ends the running special procedure id of case n with its
// result, resumes the case's limits and records the working days they
// stood still. The case goes back to handling, or to extended when an
// extension was approved before or during the procedure.
func (c *Casework) EndSpecial(ctx context.Context, u org.User, n Number, id int64, result string) (Special, error) {
	result, ok := text(result, 2000)
	if !ok {
		return Special{}, refuse.Field("casework: result too long", "result", "handling.too_long")
	}
	var out Special
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := c.handled(ctx, tx, u, n, auth.CanHandleCase); err != nil {
			return err
		}
		sp, err := readSpecial(ctx, tx, n, id)
		if err != nil {
			return err
		}
		if !sp.Running() {
			return refuse.Conflict("casework: the special procedure has ended", "handling.special.ended")
		}
		now := c.now()
		extended, err := hasApprovedExtension(ctx, tx, n)
		if err != nil {
			return err
		}
		if _, err := hMove(ctx, tx, n, cmpStatus(extended, stExtended, stInHandling), now); err != nil {
			return err
		}
		spent, err := c.resumeLimits(ctx, tx, n, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE special_procedures SET ended_by = ?, ended_at = ?, result = ?, spent_days = ? WHERE id = ?`,
			u.ID, store.Micros(now), result, spent, id); err != nil {
			return fmt.Errorf("casework: unable to end special procedure %d of %s: %w", id, n, err)
		}
		sp.EndedBy, sp.EndedAt, sp.Result, sp.SpentDays = u.ID, now, result, spent
		out = sp
		return c.appendEvent(ctx, tx, Stream(n), EventSpecialEnded, u.Username,
			SpecialEndedPayload{ID: id, Kind: string(sp.Kind), Result: result, SpentDays: spent})
	})
	return out, err
}

// resumeLimits ends the special procedure's pause of every limit of case n
// and returns the working days it stopped them for (the same on every
// clock of one calendar; the most, should they differ).
func (c *Casework) resumeLimits(ctx context.Context, tx *store.Tx, n Number, at time.Time) (int, error) {
	purposes, err := c.limitClocks(ctx, tx, n)
	if err != nil {
		return 0, err
	}
	spent := 0
	for _, p := range purposes {
		pause, err := c.deadlines.Resume(ctx, tx, Stream(n), p, at, workday.PauseSpecialProcedure)
		if err != nil || pause.From.IsZero() {
			if err != nil {
				return 0, err
			}
			continue
		}
		clk, _, err := c.deadlines.Clock(ctx, tx, Stream(n), p)
		if err != nil {
			return 0, err
		}
		cal, err := c.deadlines.CalendarIn(ctx, tx, clk.Calendar)
		if err != nil {
			return 0, err
		}
		spent = max(spent, cal.PausedDays(pause))
	}
	return spent, nil
}

// workdaysAfter is the date days working days after at, on the calendar of
// case n (the one its acceptance limit was counted on).
func (c *Casework) workdaysAfter(ctx context.Context, tx *store.Tx, n Number, at time.Time, days int) (workday.Date, error) {
	clk, _, err := c.deadlines.Clock(ctx, tx, Stream(n), acceptancePurpose)
	if err != nil {
		return workday.Date{}, err
	}
	cal, err := c.deadlines.CalendarIn(ctx, tx, clk.Calendar)
	if err != nil {
		return workday.Date{}, err
	}
	return cal.AddWorkdays(cal.DateOf(at), days), nil
}

func cmpStatus(cond bool, yes, no Status) Status {
	if cond {
		return yes
	}
	return no
}

const specialColumns = `id, case_number, kind, expected_days, reason, started_by, started_at, COALESCE(ended_by, 0), ended_at, result, spent_days`

func scanSpecial(row scanner) (Special, error) {
	var (
		s              Special
		number, kind   string
		started, ended int64
	)
	err := row.Scan(&s.ID, &number, &kind, &s.ExpectedDays, &s.Reason, &s.StartedBy, &started, &s.EndedBy, &ended, &s.Result, &s.SpentDays)
	s.Number, s.Kind, s.StartedAt = Number(number), SpecialKind(kind), store.FromMicros(started)
	if ended != 0 {
		s.EndedAt = store.FromMicros(ended)
	}
	return s, err
}

// readSpecial reads special procedure id of case n; another case's is not found.
func readSpecial(ctx context.Context, q store.Querier, n Number, id int64) (Special, error) {
	s, err := scanSpecial(q.QueryRow(ctx, `SELECT `+specialColumns+` FROM special_procedures WHERE id = ? AND case_number = ?`, id, string(n)))
	return s, notFound(err)
}

// Specials lists the special procedures of case n, oldest first. It checks
// nothing: the caller has shown the case to the user.
func (c *Casework) Specials(ctx context.Context, n Number) ([]Special, error) {
	return queryAll(ctx, c.db, "the special procedures of "+string(n), scanSpecial,
		`SELECT `+specialColumns+` FROM special_procedures WHERE case_number = ? ORDER BY id`, string(n))
}
