package casework_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The statuses of handling. INTERIM: lifecycle's constants replace them
// when its statuses land.
const (
	inHandling    = casework.Status("in_handling")
	special       = casework.Status("special_procedure")
	extended      = casework.Status("extended")
	refusedStatus = casework.Status("refused")
)

// cst is an instant in Beijing time, where the national calendar counts.
func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("CST", 8*3600))
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// handlingEnv is env with an approver, and a book to read the clocks by.
type handlingEnv struct {
	*env
	book *deadline.Book
}

func newHandlingEnv(t *testing.T, db *store.DB) *handlingEnv {
	t.Helper()
	e := newEnv(t, db)
	book, err := deadline.Open(context.Background(), db, func() time.Time { return e.now })
	if err != nil {
		t.Fatal(err)
	}
	u, err := e.f.Org.CreateUser(context.Background(), "test",
		org.User{Username: "approvera", Role: org.RoleApprover, DisplayName: "批准甲", DepartmentID: e.f.MarketA.ID}, "x")
	if err != nil {
		t.Fatal(err)
	}
	e.f.Users[u.Username] = u
	return &handlingEnv{env: e, book: book}
}

// accepted submits a case at at and accepts it at once, with a statutory
// limit of 20 working days and a promised one of 15.
func (e *handlingEnv) accepted(t *testing.T, at time.Time) casework.Number {
	t.Helper()
	ctx := context.Background()
	e.now = at
	cs, err := e.cw.Submit(ctx, e.f.Users["citizen1"], e.draft(t, "citizen1", true).ID, e.item())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cw.AcceptForTest(ctx, cs.Number, 20, 15); err != nil {
		t.Fatal(err)
	}
	return cs.Number
}

func (e *handlingEnv) due(t *testing.T, n casework.Number, purpose string) time.Time {
	t.Helper()
	st, err := e.book.State(context.Background(), casework.Stream(n), purpose, e.now)
	if err != nil {
		t.Fatal(err)
	}
	if st.Paused != st.Due.IsZero() {
		t.Fatalf("%s clock: paused %v with due %v", purpose, st.Paused, st.Due)
	}
	return st.Due
}

func (e *handlingEnv) status(t *testing.T, n casework.Number) casework.Status {
	t.Helper()
	cs, err := e.cw.Case(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return cs.Status
}

// TestSpecialProcedurePausesAcrossHoliday: accepted on Monday 21 September
// 2026, the 20-working-day limit falls on 26 October (the Mid-Autumn and
// National Day holidays and the Saturday 10 October worked counted by
// hand); a site survey from Tuesday 29 September 15:00 to Friday 9 October
// 10:00 touches four working days (29, 30 September, 8, 9 October), so
// both limits move four working days, the survey records 4 days spent, and
// while it runs the case has no due instant.
func TestSpecialProcedurePausesAcrossHoliday(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		n := e.accepted(t, cst("2026-09-21 10:00"))
		if got, want := e.due(t, n, "statutory"), cst("2026-10-26 17:30"); !got.Equal(want) {
			t.Fatalf("statutory due %v, want %v", got, want)
		}
		if got, want := e.due(t, n, "promised"), cst("2026-10-19 17:30"); !got.Equal(want) {
			t.Fatalf("promised due %v, want %v", got, want)
		}

		e.now = cst("2026-09-29 15:00")
		sp, err := e.cw.StartSpecial(ctx, e.f.Users["handlera"], n, casework.SiteSurvey, 5, "现场核查经营场所")
		if err != nil {
			t.Fatal(err)
		}
		if e.status(t, n) != special || !e.due(t, n, "statutory").IsZero() || !e.due(t, n, "promised").IsZero() {
			t.Fatalf("during the survey: status %s, clocks not paused", e.status(t, n))
		}
		if _, err := e.cw.StartSpecial(ctx, e.f.Users["handlera"], n, casework.Hearing, 5, ""); !errors.Is(err, refuse.ErrConflict) {
			t.Fatalf("a second special procedure while one runs: %v", err)
		}

		e.now = cst("2026-10-09 10:00")
		ended, err := e.cw.EndSpecial(ctx, e.f.Users["handlera"], n, sp.ID, "场所符合要求")
		if err != nil {
			t.Fatal(err)
		}
		if ended.SpentDays != 4 || e.status(t, n) != inHandling {
			t.Fatalf("ended %+v, status %s", ended, e.status(t, n))
		}
		if got, want := e.due(t, n, "statutory"), cst("2026-10-30 17:30"); !got.Equal(want) {
			t.Fatalf("statutory due after the survey %v, want %v", got, want)
		}
		if got, want := e.due(t, n, "promised"), cst("2026-10-23 17:30"); !got.Equal(want) {
			t.Fatalf("promised due after the survey %v, want %v", got, want)
		}
		if _, err := e.cw.EndSpecial(ctx, e.f.Users["handlera"], n, sp.ID, ""); !errors.Is(err, refuse.ErrConflict) {
			t.Fatalf("ending it twice: %v", err)
		}

		evs, _ := event.Stream(ctx, db, casework.Stream(n))
		start, _ := event.Decode[casework.SpecialStartedPayload](evs[len(evs)-2])
		end, _ := event.Decode[casework.SpecialEndedPayload](evs[len(evs)-1])
		// Five working days from 29 September: 30 September, 8, 9, 10 and 12 October.
		if start.ExpectedEnd != "2026-10-12" || len(start.Paused) != 2 || end.SpentDays != 4 || end.Result != "场所符合要求" {
			t.Fatalf("events %+v %+v", start, end)
		}
	})
}

// TestExtensionArithmeticAndCaps: ten working days approved on Monday 12
// October move the 26 October limit to 9 November; the cap of 10 refuses
// one more day, with the days left in the refusal; a joint case may have
// 15 and no more; a refusal by the approver needs a reason and lengthens
// nothing.
func TestExtensionArithmeticAndCaps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		handler, approver := e.f.Users["handlera"], e.f.Users["approvera"]
		n := e.accepted(t, cst("2026-09-21 10:00"))

		e.now = cst("2026-10-12 09:00")
		if _, err := e.cw.RequestExtension(ctx, handler, n, 11, "需组织专家论证"); !errors.Is(err, refuse.ErrInvalid) || refuse.Reason(err) != "handling.extension.cap" {
			t.Fatalf("11 days asked: %v", err)
		}
		if _, err := e.cw.RequestExtension(ctx, handler, n, 3, " "); refuse.Reason(err) != "handling.extension.reason" {
			t.Fatalf("no reason: %v", err)
		}
		req, err := e.cw.RequestExtension(ctx, handler, n, 10, "需组织专家论证")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.RequestExtension(ctx, handler, n, 1, "再延一天"); refuse.Reason(err) != "handling.extension.pending" {
			t.Fatalf("a second request while one waits: %v", err)
		}
		if e.status(t, n) != casework.Accepted || !e.due(t, n, "statutory").Equal(cst("2026-10-26 17:30")) {
			t.Fatal("a request alone changed the case")
		}
		if _, err := e.cw.DecideExtension(ctx, approver, n, req.ID, false, ""); refuse.Reason(err) != "handling.extension.refusal_reason" {
			t.Fatalf("a refusal without a reason: %v", err)
		}
		if _, err := e.cw.DecideExtension(ctx, approver, n, req.ID, true, "同意"); err != nil {
			t.Fatal(err)
		}
		if got, want := e.due(t, n, "statutory"), cst("2026-11-09 17:30"); !got.Equal(want) || e.status(t, n) != extended {
			t.Fatalf("statutory due %v (want %v), status %s", got, want, e.status(t, n))
		}
		_, err = e.cw.RequestExtension(ctx, handler, n, 1, "再延一天")
		var r *refuse.Error
		if !errors.As(err, &r) || r.Key != "handling.extension.cap" || r.Args["Left"] != 0 || r.Args["Cap"] != 10 {
			t.Fatalf("past the cap: %#v", err)
		}

		joint := e.accepted(t, cst("2026-09-21 10:00"))
		e.cw.JointBy(func(_ context.Context, c casework.Number) (bool, error) { return c == joint, nil })
		e.now = cst("2026-10-12 09:00")
		req, err = e.cw.RequestExtension(ctx, handler, joint, 15, "联合办理需协调")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.DecideExtension(ctx, approver, joint, req.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.RequestExtension(ctx, handler, joint, 1, "再延一天"); refuse.Reason(err) != "handling.extension.cap" {
			t.Fatalf("a joint case past 15: %v", err)
		}

		other := e.accepted(t, cst("2026-09-21 10:00"))
		req, err = e.cw.RequestExtension(ctx, handler, other, 5, "材料需核实")
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.cw.DecideExtension(ctx, approver, other, req.ID, false, "时限内可以办结")
		if err != nil || got.Status != casework.ExtensionRefused {
			t.Fatalf("refused: %+v %v", got, err)
		}
		if !e.due(t, other, "statutory").Equal(cst("2026-10-26 17:30")) || e.status(t, other) != casework.Accepted {
			t.Fatal("a refused extension changed the case")
		}
		if _, err := e.cw.DecideExtension(ctx, approver, other, req.ID, true, ""); refuse.Reason(err) != "handling.extension.decided" {
			t.Fatalf("deciding twice: %v", err)
		}
	})
}

// TestExtensionDuringSpecialProcedure: approved while a hearing runs, an
// extension waits with the clocks; the hearing's end leaves the case
// extended, its limit moved by both.
func TestExtensionDuringSpecialProcedure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		handler := e.f.Users["handlera"]
		n := e.accepted(t, cst("2026-09-21 10:00"))
		e.now = cst("2026-09-29 15:00")
		sp, err := e.cw.StartSpecial(ctx, handler, n, casework.Hearing, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		req, err := e.cw.RequestExtension(ctx, handler, n, 2, "听证后需补充审查")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.DecideExtension(ctx, e.f.Users["approvera"], n, req.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		if e.status(t, n) != special {
			t.Fatalf("status %s during the hearing", e.status(t, n))
		}
		e.now = cst("2026-10-09 10:00")
		if _, err := e.cw.EndSpecial(ctx, handler, n, sp.ID, "听证结束"); err != nil {
			t.Fatal(err)
		}
		// 30 October (four days paused) + 2.
		if got, want := e.due(t, n, "statutory"), cst("2026-11-03 17:30"); !got.Equal(want) || e.status(t, n) != extended {
			t.Fatalf("due %v (want %v), status %s", got, want, e.status(t, n))
		}
	})
}

// schedule is an item's fee list: a fixed fee and one the item leaves open.
var schedule = casework.FeeSchedule{Fees: []catalog.Fee{
	{Name: "工本费", Standard: "每证10元", AmountFen: 1000, Basis: "苏价费〔2020〕1号"},
	{Name: "检测费", Standard: "按检测项目收取", Basis: "苏价费〔2020〕2号"},
}}

// TestFeesFromTheListAndUnpaidBlocksApproval: fees only from the item's
// list and within its standard; while unpaid FeesSettled refuses (the
// decision's check); the clerk records the exact amount, after which the
// case may be approved.
func TestFeesFromTheListAndUnpaidBlocksApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		handler, clerk := e.f.Users["handlera"], e.f.Users["clerka"]
		n := e.accepted(t, cst("2026-09-21 10:00"))
		if err := e.cw.FeesSettled(ctx, db, n); err != nil {
			t.Fatalf("a case without fees: %v", err)
		}
		for _, c := range []struct {
			lines []casework.FeeLine
			key   string
		}{
			{[]casework.FeeLine{{Name: "加急费", AmountFen: 100}}, "handling.fees.not_listed"},
			{[]casework.FeeLine{{Name: "工本费", AmountFen: 1001}}, "handling.fees.amount"},
			{[]casework.FeeLine{{Name: "检测费", AmountFen: 0}}, "handling.fees.amount"},
			{[]casework.FeeLine{{Name: "工本费", AmountFen: 1000}, {Name: "工本费", AmountFen: 1000}}, "handling.fees.twice"},
			{nil, "handling.fees.none"},
		} {
			if _, err := e.cw.AssessFees(ctx, handler, n, schedule, c.lines, 5); refuse.Reason(err) != c.key {
				t.Errorf("%+v: %v, want %s", c.lines, err, c.key)
			}
		}
		if as, _ := e.cw.Assessments(ctx, n); len(as) != 0 {
			t.Fatalf("refused assessments were recorded: %+v", as)
		}
		a, err := e.cw.AssessFees(ctx, handler, n, schedule, []casework.FeeLine{{Name: "工本费", AmountFen: 1000}, {Name: "检测费", AmountFen: 25050}}, 5)
		if err != nil {
			t.Fatal(err)
		}
		// Five working days from Monday 21 September: 22, 23, 24, 28, 29.
		if a.TotalFen != 26050 || !a.PayDue.Equal(cst("2026-09-29 17:30")) || a.Lines[1].Basis != "苏价费〔2020〕2号" {
			t.Fatalf("assessment %+v", a)
		}
		if err := e.cw.FeesSettled(ctx, db, n); !errors.Is(err, casework.ErrFeesUnpaid) {
			t.Fatalf("unpaid fees: %v", err)
		}
		if _, err := e.cw.AssessFees(ctx, handler, n, schedule, []casework.FeeLine{{Name: "工本费", AmountFen: 1000}}, 5); refuse.Reason(err) != "handling.fees.outstanding" {
			t.Fatalf("a second assessment while one is due: %v", err)
		}
		if _, err := e.cw.RecordPayment(ctx, clerk, n, 26000, "POS-001"); refuse.Reason(err) != "handling.payment.amount" {
			t.Fatalf("a short payment: %v", err)
		}
		paid, err := e.cw.RecordPayment(ctx, clerk, n, 26050, "POS-001")
		if err != nil || paid.Status != casework.FeesPaid {
			t.Fatalf("payment %+v %v", paid, err)
		}
		if err := e.cw.FeesSettled(ctx, db, n); err != nil {
			t.Fatalf("paid fees: %v", err)
		}
		if _, err := e.cw.RecordPayment(ctx, clerk, n, 26050, "POS-002"); refuse.Reason(err) != "handling.payment.nothing_due" {
			t.Fatalf("paying twice: %v", err)
		}
		as, err := e.cw.Assessments(ctx, n)
		if err != nil || len(as) != 1 || as[0].Reference != "POS-001" || as[0].PaidBy != clerk.ID || len(as[0].Lines) != 2 {
			t.Fatalf("assessments %+v %v", as, err)
		}
	})
}

// TestUnpaidFeesRefuseAtTheLimit: three working days from Wednesday 30
// September end on the Saturday 10 October worked after National Day; the
// sweep leaves the case alone until then and refuses it after, when the
// item says so; an item that does not refuse only lapses the fees; a paid
// assessment never lapses.
func TestUnpaidFeesRefuseAtTheLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		handler := e.f.Users["handlera"]
		refusing := schedule
		refusing.RefuseUnpaid = true
		assess := func(sched casework.FeeSchedule) casework.Number {
			n := e.accepted(t, cst("2026-09-21 10:00"))
			e.now = cst("2026-09-30 10:00")
			a, err := e.cw.AssessFees(ctx, handler, n, sched, []casework.FeeLine{{Name: "工本费", AmountFen: 1000}}, 3)
			if err != nil {
				t.Fatal(err)
			}
			if !a.PayDue.Equal(cst("2026-10-10 17:30")) {
				t.Fatalf("payment due %v", a.PayDue)
			}
			return n
		}
		refused, lapsed, paid := assess(refusing), assess(schedule), assess(refusing)
		if _, err := e.cw.RecordPayment(ctx, e.f.Users["clerka"], paid, 1000, "现金-17"); err != nil {
			t.Fatal(err)
		}

		e.now = cst("2026-10-10 17:29")
		if k, err := e.cw.LapseUnpaid(ctx); err != nil || k != 0 {
			t.Fatalf("before the limit: %d lapsed, %v", k, err)
		}
		e.now = cst("2026-10-10 17:31")
		if k, err := e.cw.LapseUnpaid(ctx); err != nil || k != 2 {
			t.Fatalf("after the limit: %d lapsed, %v", k, err)
		}
		if e.status(t, refused) != refusedStatus || e.status(t, lapsed) != casework.Accepted || e.status(t, paid) != casework.Accepted {
			t.Fatalf("statuses %s %s %s", e.status(t, refused), e.status(t, lapsed), e.status(t, paid))
		}
		evs, _ := event.Stream(ctx, db, casework.Stream(refused))
		last := evs[len(evs)-1]
		p, _ := event.Decode[casework.FeesLapsedPayload](last)
		if last.Type != casework.EventFeesLapsed || last.Actor != casework.SweepActor || !p.Refused {
			t.Fatalf("last event %s by %s %+v", last.Type, last.Actor, p)
		}
		if st, _ := e.book.State(ctx, casework.Stream(refused), "statutory", e.now); st.Due.IsZero() {
			t.Fatal("the refused case lost its limit")
		}
		if running, _ := e.book.Running(ctx, db, casework.Stream(refused)); len(running) != 0 {
			t.Fatalf("clocks still running on the refused case: %v", running)
		}
		if k, err := e.cw.LapseUnpaid(ctx); err != nil || k != 0 {
			t.Fatalf("a second sweep: %d lapsed, %v", k, err)
		}
	})
}

// TestHandlingDenialsWriteNothing: each action by someone it is not for —
// a handler of another department (the case is not found), the applicant,
// a supervisor, and staff of the department in the wrong role — is
// refused and leaves the case, its clocks and its stream as they were.
func TestHandlingDenialsWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		n := e.accepted(t, cst("2026-09-21 10:00"))
		e.now = cst("2026-09-22 10:00")
		sp, err := e.cw.StartSpecial(ctx, e.f.Users["handlera"], n, casework.Testing, 3, "")
		if err != nil {
			t.Fatal(err)
		}
		req, err := e.cw.RequestExtension(ctx, e.f.Users["handlera"], n, 3, "检测周期长")
		if err != nil {
			t.Fatal(err)
		}
		before, _ := event.Stream(ctx, db, casework.Stream(n))

		type action struct {
			name string
			do   func(u org.User) error
		}
		actions := []action{
			{"start special", func(u org.User) error {
				_, err := e.cw.StartSpecial(ctx, u, n, casework.Hearing, 3, "")
				return err
			}},
			{"end special", func(u org.User) error { _, err := e.cw.EndSpecial(ctx, u, n, sp.ID, ""); return err }},
			{"request extension", func(u org.User) error { _, err := e.cw.RequestExtension(ctx, u, n, 1, "理由"); return err }},
			{"approve extension", func(u org.User) error { _, err := e.cw.DecideExtension(ctx, u, n, req.ID, true, ""); return err }},
			{"assess fees", func(u org.User) error {
				_, err := e.cw.AssessFees(ctx, u, n, schedule, []casework.FeeLine{{Name: "工本费", AmountFen: 1000}}, 3)
				return err
			}},
			{"record payment", func(u org.User) error { _, err := e.cw.RecordPayment(ctx, u, n, 1000, "X"); return err }},
		}
		// Whose each action is: the others of the department are refused as forbidden.
		owner := map[string]string{"start special": "handlera", "end special": "handlera", "request extension": "handlera",
			"approve extension": "approvera", "assess fees": "handlera", "record payment": "clerka"}
		for _, a := range actions {
			for _, who := range []string{"handlerb", "citizen1", "supera", "supercity", "admin"} {
				if err := a.do(e.f.Users[who]); !errors.Is(err, refuse.ErrNotFound) {
					t.Errorf("%s by %s: %v, want not found", a.name, who, err)
				}
			}
			for _, who := range []string{"handlera", "approvera", "clerka", "deptadmina"} {
				if who == owner[a.name] {
					continue
				}
				if err := a.do(e.f.Users[who]); !errors.Is(err, refuse.ErrForbidden) {
					t.Errorf("%s by %s: %v, want forbidden", a.name, who, err)
				}
			}
		}
		after, _ := event.Stream(ctx, db, casework.Stream(n))
		sps, _ := e.cw.Specials(ctx, n)
		exts, _ := e.cw.Extensions(ctx, n)
		as, _ := e.cw.Assessments(ctx, n)
		if len(after) != len(before) || len(sps) != 1 || !sps[0].Running() || len(exts) != 1 ||
			exts[0].Status != casework.ExtensionRequested || len(as) != 0 || e.status(t, n) != special {
			t.Fatalf("a denial wrote: %d→%d events, %+v %+v %+v", len(before), len(after), sps, exts, as)
		}
		if running, _ := e.book.Running(ctx, db, casework.Stream(n)); len(running) != 2 {
			t.Fatalf("running clocks %v", running)
		}
	})
}

// TestHandlingNeedsACaseInHandling: a case awaiting acceptance has no
// special procedure, extension or fees.
func TestHandlingNeedsACaseInHandling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newHandlingEnv(t, db)
		cs, err := e.cw.Submit(ctx, e.f.Users["citizen1"], e.draft(t, "citizen1", true).ID, e.item())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.StartSpecial(ctx, e.f.Users["handlera"], cs.Number, casework.Hearing, 3, ""); !errors.Is(err, casework.ErrNotInHandling) {
			t.Fatalf("special procedure before acceptance: %v", err)
		}
		if _, err := e.cw.AssessFees(ctx, e.f.Users["handlera"], cs.Number, schedule, []casework.FeeLine{{Name: "工本费", AmountFen: 1}}, 3); !errors.Is(err, casework.ErrNotInHandling) {
			t.Fatalf("fees before acceptance: %v", err)
		}
	})
}
