package casework_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestMinePages walks "my cases" a page at a time: newest first, cases
// received in the same microsecond ordered by number, each exactly once,
// with the list's total on every page, and a case received while the
// applicant pages does not shift the pages after the first.
func TestMinePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		e.f.Users["company1"] = e.company(t)
		submit := func(who string) casework.Case {
			t.Helper()
			cs, err := e.cw.Submit(ctx, e.f.Users[who], e.draft(t, who, true).ID, e.item())
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}
		var want []casework.Number // newest first
		for i := range 7 {
			if i == 4 {
				e.now = e.now.Add(time.Minute) // three received later, four in the same instant
			}
			want = append([]casework.Number{submit("citizen1").Number}, want...)
		}
		submit("company1")

		var got []casework.Number
		req := keyset.Request{Size: 3}
		for i := 0; ; i++ {
			p, err := e.cw.Mine(ctx, u.ID, req)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != 7+min(i, 1) {
				t.Fatalf("page %d: total %d", i, p.Total)
			}
			for _, cs := range p.Items {
				got = append(got, cs.Number)
			}
			if i == 0 {
				e.now = e.now.Add(time.Hour)
				submit("citizen1") // newer than every page: appears on none after the first
			}
			if p.Next.IsZero() {
				if len(p.Items) == 0 || i != 2 {
					t.Fatalf("the last page is page %d with %d rows", i, len(p.Items))
				}
				break
			}
			next, err := keyset.ParseCursor(p.Next.String(), casework.MineOrderColumns)
			if err != nil {
				t.Fatal(err)
			}
			req.After = next
		}
		if len(got) != len(want) {
			t.Fatalf("paged %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("paged %v, want %v", got, want)
			}
		}
		// Another applicant's cursor positions nothing of theirs into this list.
		other, err := e.cw.Mine(ctx, e.f.Users["company1"].ID, keyset.First())
		if err != nil || other.Total != 1 || len(other.Items) != 1 || other.Items[0].ApplicantID == u.ID {
			t.Fatalf("company1's cases %+v %v", other, err)
		}
		if _, err := keyset.ParseCursor("not-a-cursor", casework.MineOrderColumns); !errors.Is(err, keyset.ErrCursor) {
			t.Fatalf("a made-up cursor: %v", err)
		}
	})
}
