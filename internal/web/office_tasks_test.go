package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

var (
	completeRe = regexp.MustCompile(`action="(/office/cases/[0-9-]+/tasks/[a-z0-9-]+)/complete"`)
	fileRe     = regexp.MustCompile(`href="/office/cases/[0-9-]+/materials/([0-9a-f]{64})"`)
)

// newOfficeSite is the case site with the rest of a department's staff: a reviewer and
// an approver of MarketB (the catalog site has MarketA's approver), and a supervisor of MarketB's county.
func newOfficeSite(t testing.TB, db *store.DB) *catalogSite {
	t.Helper()
	s := newCaseSite(t, db)
	for _, u := range []org.User{
		{Username: "reviewera", Role: org.RoleReviewer, DisplayName: "审核甲", DepartmentID: s.f.MarketA.ID},
		{Username: "approverb", Role: org.RoleApprover, DisplayName: "批准乙", DepartmentID: s.f.MarketB.ID},
		{Username: "superb", Role: org.RoleSupervisor, DisplayName: "秦淮监察员", RegionCode: "320104"},
	} {
		if _, err := s.f.Org.CreateUser(context.Background(), "test", u, auth.HashPassword(pw)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestTaskPages: each of the department's staff finds the case in their to-do with its
// time left, opens it, and completes their step with an opinion under their name, to
// approval; a form sent twice acts once; a form without an opinion comes back as typed;
// a supervisor reads the case but every write is refused; nobody outside the case's
// department or region sees it; refusals write nothing.
func TestTaskPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newOfficeSite(t, db)
		ctx := context.Background()
		number, _, _ := journey(t, s, chinese)
		startHandling(t, s, number)
		casePage := "/office/cases/" + number

		step := func(who, opinion string) {
			t.Helper()
			c := s.login(who)
			must(t, s.get(c, "/tasks"), 200, number, "张三", "剩余 ", "个工作日", `class="left left-`)
			page := s.get(c, casePage)
			must(t, page, 200, "提交办理意见", "办理过程", "申请材料")
			m := completeRe.FindStringSubmatch(page.body)
			if m == nil {
				t.Fatalf("%s is offered no completion:\n%s", who, page.body)
			}
			form := url.Values{"request": {requestRe.FindStringSubmatch(page.body)[1]}, "outcome": {"approve"}, "opinion": {opinion}}
			res := s.post(c, m[1]+"/complete", form)
			if res.status != 303 || res.location != "/tasks" {
				t.Fatalf("%s completing: %d %s\n%s", who, res.status, res.location, res.body)
			}
			before := s.events(ctx)
			if res := s.post(c, m[1]+"/complete", form); res.status != 303 && res.status != 404 {
				t.Fatalf("%s sending twice: %d", who, res.status)
			}
			if s.events(ctx) != before {
				t.Fatalf("%s's form sent twice acted twice", who)
			}
			must(t, s.get(c, "/tasks/done"), 200, number)
		}
		step("clerka", "材料齐全，予以受理。")

		// In English too.
		en := s.login("handlera")
		must(t, s.post(en, "/lang", url.Values{"lang": {"en"}, "back": {"/"}}), 303)
		must(t, s.get(en, "/tasks"), 200, "To-do", "working days left", number)
		must(t, s.get(en, casePage), 200, "Submit opinion", "History", "Time limits")
		must(t, s.post(en, "/lang", url.Values{"lang": {"zh-Hans"}, "back": {"/"}}), 303)

		// handlera: a form without an opinion comes back as typed, nothing written.
		c := s.login("handlera")
		page := s.get(c, casePage)
		handle := completeRe.FindStringSubmatch(page.body)[1]
		before := s.events(ctx)
		must(t, s.post(c, handle+"/complete", url.Values{"request": {"r1"}, "outcome": {"approve"}, "opinion": {"  "}}), 422,
			"请填写办理意见", `value="approve" checked`)
		if s.events(ctx) != before {
			t.Fatal("a refused completion wrote events")
		}

		// Denials: nothing written, existence not revealed.
		for _, c := range []struct {
			who    string
			status int
		}{{"handlerb", 404}, {"approverb", 404}, {"citizen1", 404}, {"reviewera", 404}, {"superb", 403}, {"supera", 403}, {"supercity", 403}} {
			must(t, s.post(s.login(c.who), handle+"/complete", url.Values{"request": {"x"}, "outcome": {"approve"}, "opinion": {"越权"}}), c.status)
			must(t, s.post(s.login(c.who), handle+"/claim", url.Values{"request": {"y"}}), c.status)
		}
		for who, status := range map[string]int{"handlerb": 404, "approverb": 404, "citizen1": 404, "superb": 404, "supera": 200, "supercity": 200} {
			res := s.get(s.login(who), casePage)
			must(t, res, status)
			if status == 200 && (!strings.Contains(res.body, "只读") || strings.Contains(res.body, "/complete\"") || strings.Contains(res.body, `name="request"`)) {
				t.Errorf("%s is offered actions on the case page", who)
			}
		}
		for _, who := range []string{"citizen1", "supera"} {
			must(t, s.get(s.login(who), "/tasks"), 404)
		}
		must(t, s.get(s.login("handlera"), "/tasks/department"), 404)
		must(t, s.get(s.login("approvera"), "/tasks/department"), 200, number)
		if after := s.events(ctx); after != before {
			t.Fatalf("refused requests wrote %d events", after-before)
		}

		// The materials read inline, with their own type, for those who may read the case.
		sha := fileRe.FindStringSubmatch(page.body)[1]
		must(t, s.get(c, casePage+"/materials/"+sha), 200, `<object data="`+casePage+"/files/"+sha)
		res, err := c.Get(s.srv.URL + casePage + "/files/" + sha)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") ||
			!strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
			t.Fatalf("the file: %d %v", res.StatusCode, res.Header)
		}
		must(t, s.get(s.login("handlerb"), casePage+"/files/"+sha), 404)

		step("handlera", "经审查，符合法定条件，拟同意。")
		step("reviewera", "同意承办意见。")
		step("approvera", "同意。")
		res2 := s.get(s.login("approvera"), casePage)
		must(t, res2, 200, "承办甲", "经审查，符合法定条件，拟同意。", "批准甲")
		if strings.Contains(res2.body, "提交办理意见") {
			t.Error("the approved case still offers a completion")
		}
	})
}

// TestSupervisorWritesNothing: every state-changing request of a supervisor is refused
// before any handler, on pages and the API alike, and writes nothing; their own
// session and language are still theirs.
func TestSupervisorWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newOfficeSite(t, db)
		ctx := context.Background()
		number, _, _ := journey(t, s, chinese)
		startHandling(t, s, number)
		c := s.login("supercity")
		token, err := s.a.NewToken(ctx, "test", s.f.Users["supercity"], "t")
		if err != nil {
			t.Fatal(err)
		}
		before := s.events(ctx)
		for _, path := range []string{"/office/cases/" + number + "/tasks/t1/complete", "/office/cases/" + number + "/tasks/t1/claim",
			"/office/cases/" + number + "/opinions/t1/correct", "/office/cases/" + number + "/corrections/1/decide",
			"/admin/cases/" + number + "/process", "/window/register", "/delegations", "/admin/regions", "/cases/" + number + "/withdraw",
			"/items/" + foodItem + "/apply"} {
			must(t, s.post(c, path, url.Values{"request": {"x"}, "reason": {"x"}, "opinion": {"x"}}), 403)
		}
		req, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/users", strings.NewReader(`{"username":"x9","display_name":"x","role":"clerk"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		must(t, s.do(s.client(), req), 403, `"code":"read_only"`)
		if s.events(ctx) != before {
			t.Fatal("a supervisor's requests wrote events")
		}
		must(t, s.post(c, "/lang", url.Values{"lang": {"en"}, "back": {"/"}}), 303)
	})
}

// TestExtraRolesPage: a department's administrator gives a handler the reviewer's role
// as well; what they may not give is refused as typed; another department's
// administrator does not find the user.
func TestExtraRolesPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newOfficeSite(t, db)
		path := fmt.Sprintf("/admin/users/%d", s.f.Users["handlera"].ID)
		admin := s.login("deptadmina")
		must(t, s.get(admin, path), 200, `name="extra_role" value="reviewer"`)
		must(t, s.post(admin, path+"/roles", url.Values{"extra_role": {"sysadmin"}}), 422, "您不能分配此角色")
		res := s.post(admin, path+"/roles", url.Values{"extra_role": {"reviewer"}})
		if res.status != 303 || res.location != path {
			t.Fatalf("set: %d %s %s", res.status, res.location, res.body)
		}
		must(t, s.get(admin, path), 200, `value="reviewer" checked`)
		must(t, s.post(s.login("deptadminb"), path+"/roles", url.Values{"extra_role": {"approver"}}), 404)
	})
}
