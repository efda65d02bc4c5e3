package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

var requestRe = regexp.MustCompile(`name="request" value="([^"]+)"`)

// TestCaseProcessChanges: the administrator of a case's department suspends, resumes,
// skips a step of, adds a step to, reassigns and terminates one running case, each with
// a reason recorded in the case's history; a refused change keeps what was typed and
// changes nothing; nobody else may see or change the case's process.
func TestCaseProcessChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		for _, u := range []org.User{
			{Username: "reviewera", Role: org.RoleReviewer, DisplayName: "审核甲", DepartmentID: s.f.MarketA.ID},
		} {
			if _, err := s.f.Org.CreateUser(ctx, "test", u, auth.HashPassword(pw)); err != nil {
				t.Fatal(err)
			}
		}
		number, _, _ := journey(t, s, chinese)
		page := "/admin/cases/" + number + "/process"
		admin := s.login("deptadmina")
		// Before handling begins there is no process to change.
		must(t, s.get(admin, page), 404)
		startHandling(t, s, number)

		// The department's open work on the process list leads to it.
		must(t, s.get(admin, "/admin/processes"), 200, "本部门待办的办件", `href="`+page+`"`)
		res := s.get(admin, page)
		must(t, res, 200, "办件流程干预", `<svg`, `class="node task current" data-node="accept"`, "待办", `name="reason"`)
		request := func(body string) string {
			m := requestRe.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no request id on the form")
			}
			return m[1]
		}
		change := func(kind string, kv ...string) response {
			t.Helper()
			form := url.Values{"request": {request(s.get(admin, page).body)}, "change": {kind}}
			for i := 0; i+1 < len(kv); i += 2 {
				form.Set(kv[i], kv[i+1])
			}
			return s.post(admin, page, form)
		}
		changed := func(res response) {
			t.Helper()
			if res.status != 303 || res.location != page {
				t.Fatalf("change: %d %s\n%s", res.status, res.location, res.body)
			}
		}

		// Nobody else sees or changes it: not found, and nothing written.
		before := s.events(ctx)
		for _, who := range []string{"deptadminb", "admin", "supera", "supercity", "handlera", "clerka", "citizen1"} {
			c := s.login(who)
			must(t, s.get(c, page), 404)
			refused := 404
			if strings.HasPrefix(who, "super") {
				refused = 403 // a supervisor writes nothing anywhere, whatever exists
			}
			must(t, s.post(c, page, url.Values{"request": {"x"}, "change": {"suspend"}, "reason": {"越权"}}), refused)
		}
		if after := s.events(ctx); after != before {
			t.Fatalf("refused changes wrote %d events", after-before)
		}

		// Without a reason: refused, as typed, nothing written.
		res = change("insert", "node", "review", "name", "专家评审", "user", "handlera", "days", "3")
		must(t, res, 422, "此项为必填项", `value="专家评审"`, `value="handlera"`, `value="3"`)
		if after := s.events(ctx); after != before {
			t.Fatal("a refused change wrote events")
		}
		must(t, change("insert", "node", "review", "name", "专家评审", "user", "handlera", "days", "99", "reason", "需专家论证"), 422, "0 到 60")
		must(t, change("suspend", "reason", strings.Repeat("长", 501)), 422, "理由最多 500 字")
		if after := s.events(ctx); after != before {
			t.Fatal("a refused change wrote events")
		}

		changed(change("suspend", "reason", "申请人申请中止"))
		must(t, s.get(admin, page), 200, "已挂起", "已调整，并已记入办件记录")
		if !strings.Contains(s.lastEvent(ctx, "case:"+number), "申请人申请中止") {
			t.Error("the reason is not in the case's history")
		}
		must(t, change("suspend", "reason", "再挂起一次"), 422, "办件已挂起")
		changed(change("resume", "reason", "中止情形消除"))
		must(t, change("resume", "reason", "再恢复一次"), 422, "办件未挂起")

		changed(change("skip", "node", "accept", "reason", "窗口已当场受理"))
		must(t, s.get(admin, page), 200, `class="node task current" data-node="handle"`)
		must(t, change("skip", "node", "accept", "reason", "再跳一次"), 422, "不能对这个环节这样调整")

		// Sending the same form twice changes the case once.
		form := url.Values{"request": {request(s.get(admin, page).body)}, "change": {"insert"}, "node": {"review"},
			"name": {"专家评审"}, "user": {"handlera"}, "days": {"3"}, "reason": {"需专家论证"}}
		changed(s.post(admin, page, form))
		n := s.events(ctx)
		changed(s.post(admin, page, form))
		if s.events(ctx) != n {
			t.Error("the same form sent twice changed the case twice")
		}
		must(t, s.get(admin, page), 200, `>专家评审<`)

		handle := regexp.MustCompile(`<option value="([^"]+)">承办 · 承办甲<`).FindStringSubmatch(s.get(admin, page).body)
		if handle == nil {
			t.Fatal("the open handling task is not offered for reassignment")
		}
		must(t, change("reassign", "task", handle[1], "user", "nobody", "reason", "承办人休假"), 422, "没有这个可用的办理人")
		changed(change("reassign", "task", handle[1], "user", "reviewera", "reason", "承办人休假"))
		must(t, s.get(admin, page), 200, ">审核甲</td>") // staff by name, not username

		changed(change("terminate", "result", "refused", "reason", "申请人不符合条件"))
		res = s.get(admin, page)
		must(t, res, 200, "已办结", "不能再调整")
		if strings.Contains(res.body, `name="reason"`) {
			t.Error("an ended case still offers changes")
		}

		// The case number box on the process list.
		if res := s.get(admin, "/admin/cases?number="+number); res.status != 303 || res.location != page {
			t.Errorf("lookup: %d %s", res.status, res.location)
		}
		if res := s.get(admin, "/admin/cases?number=12345"); res.status != 303 || res.location != "/admin/processes" {
			t.Errorf("lookup of a malformed number: %d %s", res.status, res.location)
		}
	})
}

// TestCaseProcessOnAPhone: a department administrator on a phone suspends a case with a
// reason, and its applicant, also on a phone, sees the chart of the case's process on
// the case page; neither page is wider than the screen.
func TestCaseProcessOnAPhone(t *testing.T) {
	s := newCaseSite(t, storetest.SQLite(t))
	number, _, _ := journey(t, s, chinese)
	startHandling(t, s, number)
	ctx := browsertest.New(t, 390, 844)
	login := func(user string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(s.srv.URL+"/login"),
			chromedp.SendKeys(chromedp.CSS(`input[name=username]`), user),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
			chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
		)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		login("deptadmina"),
		chromedp.Navigate(s.srv.URL+"/admin/processes"),
		chromedp.SendKeys(chromedp.CSS(`form.inline-search input[name=number]`), number),
		chromedp.Click(chromedp.CSS(`form.inline-search button`)),
		chromedp.WaitVisible(chromedp.CSS(`.flow-chart svg`)),
		chromedp.SetValue(chromedp.CSS(`select[name=change]`), "suspend"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=reason]`), "申请人申请中止"),
		chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.FitsScreen(t, ctx, "the case's process page")
	browsertest.Shot(t, ctx, "case-process-phone")
	facts, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`dl.facts`)))
	if !strings.Contains(facts, "已挂起") {
		t.Fatalf("the case is not shown suspended: %q", facts)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)),
		login("citizen1"),
		chromedp.Navigate(s.srv.URL+"/cases/"+number),
		chromedp.WaitVisible(chromedp.CSS(`.flow-chart svg`)),
	); err != nil {
		t.Fatal(err)
	}
	browsertest.FitsScreen(t, ctx, "the case page with its chart")
	browsertest.Shot(t, ctx, "case-progress-phone")
	// The inlined chart takes its style from /static/chart.css under the page's
	// Content-Security-Policy: its shapes are not SVG's default black.
	fill, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".flow-chart svg .shape")).fill`))
	if err != nil || fill == "" || fill == "rgb(0, 0, 0)" {
		t.Fatalf("the chart is unstyled: %q %v", fill, err)
	}

	// On a phone a table's rows become cards; each cell keeps its column's label.
	label := `getComputedStyle(document.querySelector("table td[data-label]"), "::before").content`
	if err := chromedp.Do(ctx, chromedp.Navigate(s.srv.URL+"/my"), chromedp.WaitVisible(chromedp.CSS(`table.cases`))); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](label)); err != nil || !strings.Contains(got, "办件编号") {
		t.Fatalf("my cases on a phone: the first cell's label is %q (%v)", got, err)
	}
	browsertest.FitsScreen(t, ctx, "my cases")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)),
		login("admin"),
		chromedp.Navigate(s.srv.URL+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS(`table td[data-label]`)),
	); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](label)); err != nil || !strings.Contains(got, "用户名") {
		t.Fatalf("the users on a phone: the first cell's label is %q (%v)", got, err)
	}
	browsertest.FitsScreen(t, ctx, "the users")
}
