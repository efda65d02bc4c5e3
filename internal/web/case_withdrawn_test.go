package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestSubmittingADraftOfAWithdrawnItem: a draft begun before its item was
// withdrawn is kept, but submitting it makes no case — online or through
// the API; the applicant is told why.
func TestSubmittingADraftOfAWithdrawnItem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		c := s.login("citizen1")
		res := s.post(c, "/items/"+foodItem+"/apply", nil)
		if res.status != 303 || !strings.HasPrefix(res.location, "/drafts/") {
			t.Fatalf("apply: %d %s", res.status, res.location)
		}
		draft := res.location
		if err := s.cat.Withdraw(ctx, s.f.Users["admin"], foodItem, "依法取消"); err != nil {
			t.Fatal(err)
		}
		res = s.postMultipart(c, draft, with(foodForm(), "action", "submit"),
			file{0, "申请书.pdf", pdfFile}, file{1, "执照.pdf", pdfFile}, file{2, "布局.png", pngFile}, file{3, "制度.pdf", pdfFile},
			file{4, "身份证.jpg", []byte("\xff\xd8\xff\xe0JFIF")})
		if res.status != 303 || res.location != draft {
			t.Fatalf("submitting a withdrawn item's draft: %d %s\n%s", res.status, res.location, res.body)
		}
		must(t, s.get(c, draft), 200, "该事项已停止办理", `value="玄武小馆餐饮有限公司"`)
		if mine := s.get(c, "/my").body; numberRe.MatchString(mine) {
			t.Fatal("a case was made for a withdrawn item")
		}
		var submitted int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE type = 'case.submitted'`).Scan(&submitted)
		if submitted != 0 {
			t.Fatalf("%d case.submitted events", submitted)
		}
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		before := s.events(ctx)
		res = s.api(tok, "POST", "/api/v1/cases", []byte(`{"item":"`+foodItem+`","form":{},"materials":[]}`))
		if res.status != 404 {
			t.Errorf("API case for a withdrawn item: %d %s", res.status, res.body)
		}
		if after := s.events(ctx); after != before {
			t.Errorf("a refused API application wrote %d events", after-before)
		}
	})
}
