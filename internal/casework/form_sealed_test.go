package casework_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestFormsSealedAtRest (issue 11 #9): an application form — here with a
// legal representative's ID number and a mobile — is stored sealed in the
// draft, the case and its case.submitted event, reads back whole, and a
// form stored in the clear before is sealed by SealStored.
func TestFormsSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		const id, mobile = "11010519491231002X", "13812345678"
		form := casework.Form{"shop_name": "老张面馆", "legal_rep_id": id, "mobile": mobile}
		d, err := e.cw.CreateDraft(ctx, u, e.item())
		if err != nil {
			t.Fatal(err)
		}
		if err := e.cw.SaveDraft(ctx, u.Username, u.ID, d.ID, form); err != nil {
			t.Fatal(err)
		}
		stored := func(query string) string {
			t.Helper()
			var all strings.Builder
			rows, err := db.Query(ctx, query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var s string
				rows.Scan(&s)
				all.WriteString(s)
			}
			return all.String()
		}
		inClear := func() string {
			all := stored(`SELECT form FROM drafts`) + stored(`SELECT form FROM cases`) + stored(`SELECT payload FROM events`)
			if strings.Contains(all, id) || strings.Contains(all, mobile) {
				return all
			}
			return ""
		}
		if s := inClear(); s != "" {
			t.Fatalf("a draft's form is stored in the clear: %s", s)
		}
		if got, err := e.cw.Draft(ctx, u.ID, d.ID); err != nil || got.Form["legal_rep_id"] != id {
			t.Fatalf("draft read back: %+v %v", got.Form, err)
		}
		e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, e.item(), 0, "执照.pdf", pdf)
		cs, err := e.cw.Submit(ctx, u, d.ID, e.item())
		if err != nil {
			t.Fatal(err)
		}
		if s := inClear(); s != "" {
			t.Fatalf("a case's form is stored in the clear: %s", s)
		}
		got, err := e.cw.CaseOf(ctx, u.ID, cs.Number)
		if err != nil || got.Form["legal_rep_id"] != id || got.Form["mobile"] != mobile {
			t.Fatalf("case read back: %+v %v", got.Form, err)
		}

		// A case stored before forms were sealed.
		if _, err := db.Exec(ctx, `UPDATE cases SET form = ? WHERE number = ?`, `{"shop_name":"老张面馆","legal_rep_id":"`+id+`"}`, string(cs.Number)); err != nil {
			t.Fatal(err)
		}
		if got, err := e.cw.CaseOf(ctx, u.ID, cs.Number); err != nil || got.Form["legal_rep_id"] != id {
			t.Fatalf("a form stored in the clear: %+v %v", got.Form, err)
		}
		if n, err := e.cw.SealStored(ctx); err != nil || n != 1 {
			t.Fatalf("SealStored: %d %v", n, err)
		}
		if s := inClear(); s != "" {
			t.Fatalf("after SealStored: %s", s)
		}
		if got, err := e.cw.CaseOf(ctx, u.ID, cs.Number); err != nil || got.Form["legal_rep_id"] != id {
			t.Fatalf("case read back after SealStored: %+v %v", got.Form, err)
		}
	})
}
