package deadline_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/workday"
)

var shanghai = workday.DefaultLocation()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func date(s string) workday.Date {
	d, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func start(t *testing.T, db *store.DB, b *deadline.Book, owner string, clk workday.Clock) time.Time {
	t.Helper()
	var due time.Time
	err := db.Tx(context.Background(), func(tx *store.Tx) error {
		var err error
		due, err = b.Start(context.Background(), tx, owner, "decision", clk)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return due
}

func dueOf(t *testing.T, b *deadline.Book, owner string) time.Time {
	t.Helper()
	st, err := b.State(context.Background(), owner, "decision", at("2026-09-01 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	return st.Due
}

func TestCalendarEditMovesRunningClocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		b, err := deadline.Open(ctx, db, orgtest.Clock)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Create(ctx, "admin", "cn-320102", deadline.National, "320102"); err != nil {
			t.Fatal(err)
		}
		// Accepted Monday 2026-09-14, 10 working days: 15–18, the make-up
		// Sunday 20, 21–24 (nine), then 中秋节 25–27 off → the tenth is Mon 28 Sep.
		national := start(t, db, b, "case:N", workday.ClockFromDays(deadline.National, at("2026-09-14 10:00"), 10))
		local := start(t, db, b, "case:L", workday.ClockFromDays("cn-320102", at("2026-09-14 10:00"), 10))
		want := at("2026-09-28 17:30")
		if !national.Equal(want) || !local.Equal(want) {
			t.Fatalf("due %v / %v, want %v", national.In(shanghai), local.In(shanghai), want.In(shanghai))
		}

		// 玄武区 declares a local holiday on 2026-09-16: only its clock moves.
		moved, err := b.SetDay(ctx, "admin", "cn-320102", date("2026-09-16"), deadline.DayOff, "地方节日")
		if err != nil {
			t.Fatal(err)
		}
		if moved.Clocks != 1 || len(moved.Owners) != 1 || moved.Owners[0] != "case:L" {
			t.Fatalf("moved %+v", moved)
		}
		if got := dueOf(t, b, "case:L"); !got.Equal(at("2026-09-29 17:30")) {
			t.Fatalf("local clock due %v", got.In(shanghai))
		}
		if got := dueOf(t, b, "case:N"); !got.Equal(want) {
			t.Fatalf("national clock moved to %v", got.In(shanghai))
		}

		// An edit of the national calendar reaches the derived one too.
		moved, err = b.SetDay(ctx, "admin", deadline.National, date("2026-09-15"), deadline.DayOff, "")
		if err != nil {
			t.Fatal(err)
		}
		if moved.Clocks != 2 || len(moved.Calendars) != 2 {
			t.Fatalf("national edit moved %+v", moved)
		}
		evs, _ := event.Stream(ctx, db, deadline.CalendarStream(deadline.National))
		if len(evs) != 1 || evs[0].Type != deadline.EventCalendarChanged {
			t.Fatalf("event %+v", evs)
		}
		p, err := event.Decode[deadline.CalendarChangedPayload](evs[0])
		if err != nil || p.MovedClocks != 2 || p.Owners != 2 || len(p.MovedOwners) != 0 || strings.Contains(string(evs[0].Payload), "case:L") {
			t.Fatalf("the event lists the owners instead of counting them: %s (%v)", evs[0].Payload, err)
		}
		if owners, err := b.MovedOwners(ctx, evs[0]); err != nil || !slices.Equal(owners, moved.Owners) {
			t.Fatalf("moved owners %v, %v; want %v", owners, err, moved.Owners)
		}
		if name, _ := b.ForRegion(ctx, db, f.CountyA.Path+"320102001/"); name != "cn-320102" {
			t.Fatalf("township uses %q", name)
		}
		if name, _ := b.ForRegion(ctx, db, f.CountyB.Path); name != deadline.National {
			t.Fatalf("sibling county uses %q", name)
		}
	})
}

func TestMissingYearWarnsThenImportFixes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		orgtest.Build(t, db, "x")
		b, _ := deadline.Open(ctx, db, orgtest.Clock)
		// Accepted late in 2026 with 20 days: due in January 2027.
		start(t, db, b, "case:Y", workday.ClockFromDays(deadline.National, at("2026-12-21 10:00"), 20))
		missing, err := b.MissingYears(ctx)
		if err != nil || len(missing) != 1 || missing[0].Year != 2027 || missing[0].Clocks != 1 {
			t.Fatalf("missing %+v %v", missing, err)
		}
		before := dueOf(t, b, "case:Y")

		// A wrong file changes nothing.
		if _, err := b.ImportYear(ctx, "admin", deadline.National, 2027, "2026-01-01 off 元旦\n"); !isInvalid(err, "workday.import.other_year") {
			t.Fatalf("other year: %v", err)
		}
		if _, err := b.ImportYear(ctx, "admin", deadline.National, 2027, "2027-01-01 of 元旦\n"); !isInvalid(err, "workday.import.syntax") {
			t.Fatalf("syntax: %v", err)
		}
		moved, err := b.ImportYear(ctx, "admin", deadline.National, 2027, "year 2027\n2027-01-01..2027-01-03 off 元旦\n")
		if err != nil {
			t.Fatal(err)
		}
		if moved.Clocks != 1 {
			t.Fatalf("import moved %+v", moved)
		}
		if after := dueOf(t, b, "case:Y"); !after.After(before) {
			t.Fatalf("New Year's Day did not move the deadline: %v → %v", before, after)
		}
		if missing, _ := b.MissingYears(ctx); len(missing) != 0 {
			t.Fatalf("still missing %+v", missing)
		}
	})
}

func TestPauseAndExtension(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	orgtest.Build(t, db, "x")
	b, _ := deadline.Open(ctx, db, orgtest.Clock)
	clk := workday.ClockFromDays(deadline.National, at("2026-03-02 10:00"), 5)
	due := start(t, db, b, "case:P", clk)
	if !due.Equal(at("2026-03-09 17:30")) {
		t.Fatalf("due %v", due.In(shanghai))
	}
	clk.Pauses = []workday.Pause{{From: at("2026-03-04 09:00"), Reason: workday.PauseCorrection}}
	db.Tx(ctx, func(tx *store.Tx) error { due, _ = b.Update(ctx, tx, "case:P", "decision", clk); return nil })
	if !due.IsZero() {
		t.Fatalf("a paused clock has no due instant, got %v", due)
	}
	// Resumed on Friday: Wed–Fri were paused, so three working days later.
	clk.Pauses[0].To = at("2026-03-06 15:00")
	clk.Extensions = []workday.Extension{{Days: 10, ApprovedBy: "approver1", Reason: "需专家评审", At: at("2026-03-06 16:00")}}
	db.Tx(ctx, func(tx *store.Tx) error { due, _ = b.Update(ctx, tx, "case:P", "decision", clk); return nil })
	if !due.Equal(at("2026-03-26 17:30")) {
		t.Fatalf("due after pause and extension %v", due.In(shanghai))
	}
}

func isInvalid(err error, key string) bool {
	var inv *deadline.InvalidError
	return errors.As(err, &inv) && inv.Key == key
}
