package demo

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// NewTestServices loads the demo organisation, items and processes into db
// and returns the services the demo cases are made through.
func NewTestServices(t *testing.T, db *store.DB) Services {
	t.Helper()
	ctx := context.Background()
	ps := event.NewProjectors()
	catalog.ProjectUses[casework.SubmittedPayload](ps, casework.EventSubmitted)
	event.Install(db, ps)
	o := org.New(db, time.Now)
	if _, err := Load(ctx, o, auth.New(db, o, time.Now), db); err != nil {
		t.Fatal(err)
	}
	book, err := deadline.Open(ctx, db, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	files, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return Services{DB: db, Org: o, Catalog: catalog.New(db, o, time.Now), Casework: casework.New(db, files, book, time.Now),
		Processes: process.New(process.Config{DB: db, Org: o, Clocks: book, Now: time.Now})}
}

// TestReceiptAndProcessStartAreOneTransaction: a package composing casework
// and process receives a case and starts its process in one transaction;
// when the start fails, the case is rolled back with it — no case, no
// clock, no event — and when it succeeds both are there, on one chain.
func TestReceiptAndProcessStartAreOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := NewTestServices(t, db)
		spec := cases[0]
		clerk, _, err := s.Org.UserWithHash(ctx, spec.clerk)
		if err != nil {
			t.Fatal(err)
		}
		applicant, _, err := s.Org.UserWithHash(ctx, spec.applicant)
		if err != nil {
			t.Fatal(err)
		}
		ver, err := s.Catalog.Current(ctx, spec.item)
		if err != nil {
			t.Fatal(err)
		}
		dept, _ := s.Org.DepartmentByCode(ctx, ver.Department)
		region, _ := s.Org.Region(ctx, dept.RegionCode)
		reg, err := s.Casework.PrepareRegistration(clerk, applicant, casework.ItemOf(ver, dept, region), spec.form, spec.uploads())
		if err != nil {
			t.Fatal(err)
		}
		receiveAndStart := func(processKey string) (casework.Number, error) {
			var n casework.Number
			err := db.Tx(ctx, func(tx *store.Tx) error {
				cs, err := s.Casework.RegisterIn(ctx, tx, reg)
				if err != nil {
					return err
				}
				tx.Then(func(ctx context.Context, tx *store.Tx) error { // once the case has its number
					n = cs.Number
					_, err := s.Processes.Start(ctx, tx, string(n), casework.Stream(n), processKey, 0, flow.Start{
						Meta: flow.Meta{RequestID: "start-" + string(n), Actor: clerk.Username}, Departments: flow.Departments{Item: dept.Code}})
					return err
				})
				return nil
			})
			return n, err
		}

		before := rows(t, db)
		n, err := receiveAndStart("no-such-process")
		if !errors.Is(err, process.ErrNotRunning) {
			t.Fatalf("starting an unknown process: %v", err)
		}
		if after := rows(t, db); after != before {
			t.Fatalf("the failed start left rows behind: %v → %v", before, after)
		}
		if _, err := s.Casework.Case(ctx, n); !errors.Is(err, casework.ErrNotFound) {
			t.Fatalf("case %s survived its process's failed start: %v", n, err)
		}

		n, err = receiveAndStart(ver.ProcessKey)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Casework.Case(ctx, n); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Processes.Instance(ctx, string(n)); err != nil {
			t.Fatal(err)
		}
		evs, err := event.Stream(ctx, db, casework.Stream(n))
		if err != nil || len(evs) < 2 || evs[0].Type != "case.submitted" {
			t.Fatalf("the case's chain: %d events, %v", len(evs), err)
		}
		if r, err := event.Verify(ctx, db); err != nil || len(r.Problems) != 0 {
			t.Fatalf("verify: %+v, %v", r, err)
		}
	})
}

// rows counts what receiving a case and starting its process write.
func rows(t *testing.T, db *store.DB) [4]int {
	t.Helper()
	var n [4]int
	for i, table := range []string{"cases", "process_instances", "clocks", "events"} {
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
