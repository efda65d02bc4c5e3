package demo_test

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/demo"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/ident"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/tasks"
)

// counts is the size of the organisation, to compare two loads.
type counts struct{ regions, departments, centres, windows, users int }

func count(t *testing.T, o *org.Org) counts {
	t.Helper()
	ctx := context.Background()
	rs, err1 := o.Regions(ctx, "")
	ds, err2 := o.Departments(ctx, "")
	cs, err3 := o.Centres(ctx, "")
	us, err4 := o.Users(ctx, org.UserFilter{})
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			t.Fatal(err)
		}
	}
	n := counts{regions: len(rs), departments: len(ds), centres: len(cs), users: len(us)}
	for _, c := range cs {
		ws, err := o.Windows(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) < 2 || len(ws) > 4 {
			t.Errorf("centre %s has %d windows, want 2 to 4", c.Name, len(ws))
		}
		n.windows += len(ws)
	}
	return n
}

func TestLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := org.New(db, time.Now)
		a := auth.New(db, o, time.Now)

		accounts, err := demo.Load(ctx, o, a, db)
		if err != nil {
			t.Fatal(err)
		}
		first := count(t, o)
		want := counts{regions: 5, departments: 16, centres: 5, windows: 15, users: 11}
		if first != want {
			t.Fatalf("after the first load %+v, want %+v", first, want)
		}
		again, err := demo.Load(ctx, o, a, db)
		if err != nil {
			t.Fatal(err)
		}
		if second := count(t, o); second != first {
			t.Fatalf("a second load changed the organisation: %+v, then %+v", first, second)
		}
		if len(again) != len(accounts) {
			t.Fatalf("accounts %d, then %d", len(accounts), len(again))
		}

		names := []string{"citizen1", "citizen2", "company1", "clerk1", "handler1", "reviewer1", "approver1",
			"deptadmin1", "supervisor1", "supervisor2", "admin"}
		if len(accounts) != len(names) {
			t.Fatalf("%d accounts, want %d", len(accounts), len(names))
		}
		for i, acc := range accounts {
			if acc.Username != names[i] {
				t.Errorf("account %d is %s, want %s", i, acc.Username, names[i])
			}
			u, _, err := a.Login(ctx, acc.Username, demo.Password, "127.0.0.1")
			if err != nil {
				t.Errorf("%s cannot log in with the demo password: %v", acc.Username, err)
				continue
			}
			if u.MustChange || u.Role != acc.Role {
				t.Errorf("%s: must change %v, role %s (account says %s)", u.Username, u.MustChange, u.Role, acc.Role)
			}
		}

		sup, _, err := o.UserWithHash(ctx, "supervisor2")
		if err != nil {
			t.Fatal(err)
		}
		qinhuai, _ := o.Region(ctx, "320104")
		meiyuan, _ := o.Region(ctx, "320102001")
		if auth.CanSeeRegion(sup, qinhuai) || !auth.CanSeeRegion(sup, meiyuan) {
			t.Fatalf("supervisor2 (scope %s) must see 320102001 and not 320104", sup.Scope)
		}
		handler, _, _ := o.UserWithHash(ctx, "handler1")
		market, _ := o.Department(ctx, handler.DepartmentID)
		if market.Code != "320102-SCJG" {
			t.Fatalf("handler1 works in %s", market.Code)
		}
	})
}

// The identifiers are checked here as well as by org, so a typo is
// reported as what it is.
func TestIdentifiersAreValid(t *testing.T) {
	for _, id := range []string{"320102198503120012", "320104199007150025"} {
		if _, err := ident.ParseResidentID(id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	if _, err := ident.ParseCreditCode("91320102MA1NXW5R05"); err != nil {
		t.Error(err)
	}
}

// TestLoadCases: the demo cases are registered at the window and their processes
// started and moved on, once: the clerk has the first case's acceptance in their queue,
// the reviewer the second's review, and the catalogue counted one use of each case's
// item (its projector ran on submission); loading again adds nothing. Every event
// written reads as the payload its domain publishes for its type.
func TestLoadCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := demo.NewTestServices(t, db)
		p := s.Processes
		for range 2 {
			if err := demo.LoadCases(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM cases`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("%d demo cases, want 2 (%v)", n, err)
		}
		for who, node := range map[string]string{"clerk1": "accept", "reviewer1": "review"} {
			q, err := p.OpenTasksFor(ctx, who)
			if err != nil || len(q) != 1 || q[0].Node != node {
				t.Errorf("queue of %s: %+v, %v; want one %s task", who, q, err, node)
			}
		}
		if r, err := event.Verify(ctx, db); err != nil || len(r.Problems) != 0 {
			t.Fatalf("verify: %+v, %v", r, err)
		}
		used, err := s.Catalog.MostUsed(ctx, 3)
		if err != nil || len(used) != 3 || used[0].Uses != 1 || used[1].Uses != 1 || used[2].Uses != 0 {
			t.Errorf("most used items after two cases of two items: %+v, %v", used, err)
		}
		readsTyped(t, db)
	})
}

// readsTyped checks that every event in the log decodes, with no key left
// over, into the payload its domain publishes for its type.
func readsTyped(t *testing.T, db *store.DB) {
	t.Helper()
	published := map[string]any{}
	for _, ps := range []event.Payloads{auth.Payloads, casework.Payloads, catalog.Payloads, deadline.Payloads, org.Payloads, process.Payloads, process.FlowPayloads, tasks.Payloads, site.Payloads} {
		maps.Copy(published, ps)
	}
	rows, err := db.Query(context.Background(), `SELECT type, payload FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ, payload string
		if err := rows.Scan(&typ, &payload); err != nil {
			t.Fatal(err)
		}
		zero, ok := published[typ]
		if !ok {
			t.Errorf("no domain publishes %s", typ)
			continue
		}
		dec := json.NewDecoder(strings.NewReader(payload))
		dec.DisallowUnknownFields()
		if err := dec.Decode(reflect.New(reflect.TypeOf(zero)).Interface()); err != nil {
			t.Errorf("%s %s: %v", typ, payload, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
