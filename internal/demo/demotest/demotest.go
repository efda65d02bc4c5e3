// Package demotest loads the demo — its organisation, items, processes and cases — into
// a test's database, with the services a test drives it through.
package demotest

import (
	"context"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/demo"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
)

// Demo is the loaded demo and the services over it, on the real clock.
type Demo struct {
	demo.Services
	Auth  *auth.Auth
	Clock *deadline.Book
}

// Load installs the projectors serve installs, loads the whole demo into db as
// `shenpi demo` does, and returns it.
func Load(t testing.TB, db *store.DB) Demo {
	t.Helper()
	ctx := context.Background()
	ps := event.NewProjectors()
	catalog.ProjectUses[casework.SubmittedPayload](ps, casework.EventSubmitted)
	event.Install(db, ps)
	o := org.New(db, time.Now)
	a := auth.New(db, o, time.Now)
	if _, err := demo.Load(ctx, o, a, db); err != nil {
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
	s := demo.Services{DB: db, Org: o, Catalog: catalog.New(db, o, time.Now), Casework: casework.New(db, files, book, time.Now),
		Processes: process.New(process.Config{DB: db, Org: o, Clocks: book, Now: time.Now})}
	if err := demo.LoadCases(ctx, s); err != nil {
		t.Fatal(err)
	}
	return Demo{Services: s, Auth: a, Clock: book}
}
