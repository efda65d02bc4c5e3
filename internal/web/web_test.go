package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web"
	"github.com/shenpi/shenpi/internal/web/api/apitest"
)

const pw = "Correct-Horse-7"

// site is a running server with the orgtest organisation.
type site struct {
	t   testing.TB
	db  *store.DB
	f   *orgtest.Fixture
	a   *auth.Auth
	srv *httptest.Server
	cfg web.Config // to build another node on the same database
}

func newSite(t testing.TB, db *store.DB) *site {
	t.Helper()
	return newSiteLogging(t, db, io.Discard)
}

// newSiteLogging is newSite with the server's log written to w.
func newSiteLogging(t testing.TB, db *store.DB, w io.Writer) *site {
	t.Helper()
	s := &site{t: t, db: db, f: orgtest.Build(t, db, auth.HashPassword(pw))}
	s.a = auth.New(db, s.f.Org, orgtest.Clock)
	s.srv = s.serve(testFiles(t, db), w)
	return s
}

// testFiles is where a test server keeps uploaded files: as shenpi serve
// does, in the database on PostgreSQL, in a directory on SQLite.
func testFiles(t testing.TB, db *store.DB) *blob.Store {
	t.Helper()
	var (
		files *blob.Store
		err   error
	)
	if db.Engine() == store.Postgres {
		files, err = blob.OpenPostgres(context.Background(), db)
	} else {
		files, err = blob.Open(t.TempDir())
	}
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// serve starts a server on s's database with files as its store of
// uploaded files; a second one is another node behind a load balancer.
func (s *site) serve(files *blob.Store, w io.Writer) *httptest.Server {
	t := s.t
	t.Helper()
	book, err := deadline.Open(context.Background(), s.db, orgtest.Clock)
	if err != nil {
		t.Fatal(err)
	}
	ps := event.NewProjectors()
	catalog.ProjectUses[casework.SubmittedPayload](ps, casework.EventSubmitted)
	event.Install(s.db, ps)
	items := catalog.New(s.db, s.f.Org, orgtest.Clock)
	cases := casework.New(s.db, files, book, orgtest.Clock)
	s.cfg = web.Config{DB: s.db, Org: s.f.Org, Auth: s.a, Deadlines: book, Catalog: items, Casework: cases,
		Log: slog.New(slog.NewTextHandler(w, nil)), Now: orgtest.Clock, MetricsToken: metricsToken}
	srv, err := web.New(s.cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Tests hold every API exchange to the OpenAPI document; benchmarks
	// measure the server alone.
	var h http.Handler = srv.Handler()
	if tt, ok := t.(*testing.T); ok {
		h = apitest.Validate(tt, h)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return hs
}

// client is a browser: it keeps cookies and does not follow redirects.
func (s *site) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (s *site) login(username string) *http.Client {
	s.t.Helper()
	c := s.client()
	res := s.post(c, "/login", url.Values{"username": {username}, "password": {pw}})
	if res.status != http.StatusSeeOther {
		s.t.Fatalf("login %s: %d %s", username, res.status, res.body)
	}
	return c
}

type response struct {
	status   int
	body     string
	location string
}

func (s *site) do(c *http.Client, req *http.Request) response {
	s.t.Helper()
	res, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		if res.Header.Get("Content-Security-Policy") == "" {
			s.t.Errorf("%s %s: no Content-Security-Policy", req.Method, req.URL.Path)
		}
		if inline := inlineCode(string(b)); inline != "" {
			s.t.Errorf("%s %s: the page carries inline code the policy refuses: %s", req.Method, req.URL.Path, inline)
		}
	}
	return response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location")}
}

func (s *site) get(c *http.Client, path string) response {
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	return s.do(c, req)
}

func (s *site) post(c *http.Client, path string, form url.Values) response {
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(c, req)
}

func (s *site) events(ctx context.Context) int {
	r, err := event.Verify(ctx, s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	return r.Events
}

// scenario is one request by one user and what must (and must not) come back.
type scenario struct {
	name     string
	as       string // username, or "" for anonymous
	method   string
	path     string
	form     url.Values
	status   int
	contains []string
	absent   []string
	changes  bool // whether the event log may grow
}

func TestScenarios(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		id := func(name string) string { return fmt.Sprint(s.f.Users[name].ID) }
		scenarios := []scenario{
			{name: "health", method: "GET", path: "/healthz", status: 200, contains: []string{"ok"}},
			{name: "the portal in Chinese by default", method: "GET", path: "/", status: 200, contains: []string{"网上办事大厅", `lang="zh-Hans"`}},
			{name: "metrics are not public", method: "GET", path: "/metrics", status: 401, absent: []string{"shenpi_http_requests_total"}},
			{name: "admin pages need a login", method: "GET", path: "/admin/users", status: 303},
			{name: "sysadmin sees regions", as: "admin", method: "GET", path: "/admin/regions", status: 200, contains: []string{"玄武区", "秦淮区"}},
			{name: "sysadmin sees users", as: "admin", method: "GET", path: "/admin/users", status: 200, contains: []string{"handlera", "handlerb"}},
			{name: "dept admin cannot open regions", as: "deptadmina", method: "GET", path: "/admin/regions", status: 403},
			{name: "dept admin lists only own department", as: "deptadmina", method: "GET", path: "/admin/users", status: 200, contains: []string{"handlera"}, absent: []string{"handlerb"}},
			{name: "dept admin cannot see another department's user", as: "deptadmina", method: "GET", path: "/admin/users/" + id("handlerb"), status: 404},
			{name: "dept admin cannot reset another department's password", as: "deptadmina", method: "POST", path: "/admin/users/" + id("handlerb") + "/reset", status: 404},
			{name: "dept admin cannot disable another department's user", as: "deptadmina", method: "POST", path: "/admin/users/" + id("handlerb") + "/disable", status: 404},
			{name: "dept admin cannot make a supervisor", as: "deptadmina", method: "POST", path: "/admin/users",
				form: url.Values{"username": {"sneaky"}, "display_name": {"x"}, "role": {"supervisor"}, "region": {"320100"}}, status: 422, contains: []string{"您不能分配此角色", `value="sneaky"`}},
			{name: "dept admin cannot staff another department", as: "deptadmina", method: "POST", path: "/admin/users",
				form: url.Values{"username": {"sneaky"}, "display_name": {"x"}, "role": {"handler"}, "department": {fmt.Sprint(s.f.MarketB.ID)}}, status: 422},
			{name: "supervisor changes nothing", as: "supercity", method: "POST", path: "/admin/regions",
				form: url.Values{"code": {"320105"}, "name": {"建邺区"}, "level": {"county"}, "parent": {"320100"}}, status: 403},
			{name: "supervisor cannot administer users", as: "supercity", method: "GET", path: "/admin/users", status: 403},
			{name: "applicant cannot administer", as: "citizen1", method: "GET", path: "/admin/users/new", status: 403},
			{name: "sysadmin adds a region", as: "admin", method: "POST", path: "/admin/regions",
				form: url.Values{"code": {"320105"}, "name": {"建邺区"}, "level": {"county"}, "parent": {"320100"}}, status: 303, changes: true},
			{name: "bad region code is explained and kept", as: "admin", method: "POST", path: "/admin/regions",
				form: url.Values{"code": {"32A105"}, "name": {"某区"}, "level": {"county"}, "parent": {"320100"}}, status: 422, contains: []string{"行政区划代码", `value="32A105"`, `value="某区"`}},
			{name: "duplicate username is explained and kept", as: "admin", method: "POST", path: "/admin/users",
				form: url.Values{"username": {"handlera"}, "display_name": {"重名"}, "role": {"handler"}, "department": {fmt.Sprint(s.f.MarketA.ID)}}, status: 422, contains: []string{"此用户名已被使用", `value="重名"`}},
			{name: "admin creates a clerk and sees the password once", as: "admin", method: "POST", path: "/admin/users",
				form: url.Values{"username": {"clerkb"}, "display_name": {"窗口乙"}, "role": {"clerk"}, "department": {fmt.Sprint(s.f.MarketB.ID)}}, status: 200, contains: []string{"只显示这一次"}, changes: true},
			{name: "dept admin resets own staff's password", as: "deptadmina", method: "POST", path: "/admin/users/" + id("clerka") + "/reset", status: 200, contains: []string{"只显示这一次"}, changes: true},
			{name: "unknown page", method: "GET", path: "/no/such/page", status: 404},
		}
		runScenarios(t, s, scenarios)
	})
}

// runScenarios plays each scenario as a subtest.
func runScenarios(t *testing.T, s *site, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { s.play(t, sc) })
	}
}

// play makes one scenario's request as its user and checks the answer and
// whether the event log grew.
func (s *site) play(t *testing.T, sc scenario) {
	t.Helper()
	ctx := context.Background()
	c := s.client()
	if sc.as != "" {
		c = s.login(sc.as)
	}
	before := s.events(ctx)
	var res response
	if sc.method == "POST" {
		res = s.post(c, sc.path, sc.form)
	} else {
		res = s.get(c, sc.path)
	}
	if res.status != sc.status {
		t.Fatalf("status %d, want %d\n%s", res.status, sc.status, res.body)
	}
	for _, want := range sc.contains {
		if !strings.Contains(res.body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	for _, not := range sc.absent {
		if strings.Contains(res.body, not) {
			t.Errorf("body has %q", not)
		}
	}
	if after := s.events(ctx); (after != before) != sc.changes {
		t.Errorf("events %d → %d; a change was expected: %v", before, after, sc.changes)
	}
}

// lastEvent returns the payload of the newest event of a stream.
func (s *site) lastEvent(ctx context.Context, stream string) string {
	evs, err := event.Stream(ctx, s.db, stream)
	if err != nil || len(evs) == 0 {
		s.t.Fatalf("no events in %s: %v", stream, err)
	}
	return string(evs[len(evs)-1].Payload)
}

func TestRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		ctx := context.Background()
		c := s.client()
		good := url.Values{"kind": {"citizen"}, "username": {"wangwu"}, "display_name": {"王五"}, "id_number": {"110105198001010016"},
			"mobile": {"13812345678"}, "password": {pw}, "password2": {pw}}
		bad := []struct {
			name, field, value, message string
		}{
			{"wrong check digit", "id_number", "110105194912310021", "校验位"},
			{"short ID", "id_number", "1101051949", "18位"},
			{"bad mobile", "mobile", "12345", "手机"},
			{"weak password", "password", "abc", "至少需要 10 位"},
			{"bad username", "username", "王五", "用户名需"},
			{"duplicate username", "username", "citizen1", "已被使用"},
		}
		for _, b := range bad {
			form := url.Values{}
			for k, v := range good {
				form[k] = v
			}
			form.Set(b.field, b.value)
			if b.field == "password" {
				form.Set("password2", b.value)
			}
			before := s.events(ctx)
			res := s.post(c, "/register", form)
			if res.status != 422 || !strings.Contains(res.body, b.message) || !strings.Contains(res.body, `value="王五"`) && b.field != "username" {
				t.Errorf("%s: status %d, message %q missing or input lost", b.name, res.status, b.message)
			}
			if strings.Contains(res.body, pw) {
				t.Errorf("%s: the password was echoed back", b.name)
			}
			if s.events(ctx) != before {
				t.Errorf("%s: a refused registration changed something", b.name)
			}
		}
		company := url.Values{"kind": {"company"}, "username": {"acme"}, "display_name": {"某某有限公司"}, "credit_code": {"91350100M000100Y44"},
			"mobile": {"13812345678"}, "password": {pw}, "password2": {pw}}
		if res := s.post(c, "/register", company); res.status != 422 || !strings.Contains(res.body, "统一社会信用代码") {
			t.Errorf("bad credit code: %d", res.status)
		}
		if res := s.post(c, "/register", good); res.status != 303 {
			t.Fatalf("good registration: %d %s", res.status, res.body)
		}
		if res := s.get(c, "/"); !strings.Contains(res.body, "您好，王五") {
			t.Fatalf("not logged in after registration")
		}
	})
}

func TestLanguageIsRemembered(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db)
	c := s.login("admin")
	if res := s.post(c, "/lang", url.Values{"lang": {"en"}, "back": {"/admin/regions"}}); res.status != 303 || res.location != "/admin/regions" {
		t.Fatalf("switch: %d %s", res.status, res.location)
	}
	if res := s.get(c, "/admin/regions"); !strings.Contains(res.body, "Add a region") || strings.Contains(res.body, "添加行政区划") {
		t.Fatal("admin page is not in English after the switch")
	}
	// A new browser: the choice follows the user.
	c2 := s.login("admin")
	if res := s.get(c2, "/admin/users"); !strings.Contains(res.body, "Add a user") {
		t.Fatal("the language choice was not remembered for the user")
	}
	// Anonymous visitors get English from Accept-Language, Chinese otherwise.
	req, _ := http.NewRequest("GET", s.srv.URL+"/", nil)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	if res := s.do(s.client(), req); !strings.Contains(res.body, "Online service hall") {
		t.Fatal("Accept-Language ignored")
	}
}

func TestLoginThrottledAndForcedPasswordChange(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db)
	c := s.client()
	for i := 0; i < 4; i++ {
		if res := s.post(c, "/login", url.Values{"username": {"handlera"}, "password": {"nope"}}); res.status != 401 || !strings.Contains(res.body, "用户名或密码错误") {
			t.Fatalf("failure %d: %d", i, res.status)
		}
	}
	if res := s.post(c, "/login", url.Values{"username": {"handlera"}, "password": {"nope"}}); res.status != 429 || !strings.Contains(res.body, "请稍候再试") {
		t.Fatalf("fifth failure: %d", res.status)
	}

	// An administrator's reset forces a change at next login.
	ctx := context.Background()
	u := s.f.Users["clerka"]
	if err := s.f.Org.SetPassword(ctx, "admin", u, auth.HashPassword(pw), true); err != nil {
		t.Fatal(err)
	}
	cl := s.login("clerka")
	if res := s.get(cl, "/"); res.status != 303 || res.location != "/password" {
		t.Fatalf("must-change user reached home: %d %s", res.status, res.location)
	}
	// The API says so in JSON rather than sending a script to a page.
	if res := s.get(cl, "/api/v1/me"); res.status != 403 || !strings.Contains(res.body, `"code":"password_change_required"`) {
		t.Fatalf("must-change user on the API: %d %s", res.status, res.body)
	}
	next := "Brand-New-Pass-9"
	if res := s.post(cl, "/password", url.Values{"current": {"wrong"}, "new": {next}, "new2": {next}}); res.status != 422 || !strings.Contains(res.body, "当前密码不正确") {
		t.Fatalf("wrong current password: %d", res.status)
	}
	if res := s.post(cl, "/password", url.Values{"current": {pw}, "new": {next}, "new2": {next}}); res.status != 303 {
		t.Fatalf("change: %d %s", res.status, res.body)
	}
	if res := s.get(cl, "/"); res.status != 200 {
		t.Fatalf("after the change: %d", res.status)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db)
	c := s.login("admin")
	form := url.Values{"code": {"320105"}, "name": {"建邺区"}, "level": {"county"}, "parent": {"320100"}}
	req, _ := http.NewRequest("POST", s.srv.URL+"/admin/regions", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if res := s.do(c, req); res.status != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d", res.status)
	}
	if _, err := s.f.Org.Region(context.Background(), "320105"); err == nil {
		t.Fatal("the cross-site POST created a region")
	}
}

// TestAPIRefusalsAreJSON: a cross-site request and a method no route takes
// are answered under /api/ in JSON like every other refusal, not as text.
func TestAPIRefusalsAreJSON(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	cross, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/users", strings.NewReader(`{}`))
	cross.Header.Set("Content-Type", "application/json")
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	cross.Header.Set("Origin", "https://evil.example")
	wrongMethod, _ := http.NewRequest("DELETE", s.srv.URL+"/api/v1/items", nil)
	for _, c := range []struct {
		req    *http.Request
		status int
		code   string
	}{{cross, 403, "cross_origin"}, {wrongMethod, 404, "not_found"}} {
		resp, err := s.client().Do(c.req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Error struct{ Code, Message string }
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != c.status || body.Error.Code != c.code || body.Error.Message == "" {
			t.Errorf("%s %s: %d %+v %v", c.req.Method, c.req.URL.Path, resp.StatusCode, body, err)
		}
	}
}

func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		ctx := context.Background()
		adminToken, _ := s.a.NewToken(ctx, "test", s.f.Users["admin"], "t")
		deptToken, _ := s.a.NewToken(ctx, "test", s.f.Users["deptadmina"], "t")
		call := func(method, path, token, body string) response {
			req, _ := http.NewRequest(method, s.srv.URL+path, strings.NewReader(body))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			req.Header.Set("Content-Type", "application/json")
			return s.do(s.client(), req)
		}
		cases := []struct {
			name, method, path, token, body string
			status                          int
			contains                        string
		}{
			{"openapi", "GET", "/api/v1/openapi.json", "", "", 200, `"openapi": "3.1.0"`},
			{"me without a token", "GET", "/api/v1/me", "", "", 401, `"code":"unauthorized"`},
			{"me with a forged token", "GET", "/api/v1/me", "shenpi_forged", "", 401, `"code":"unauthorized"`},
			{"me", "GET", "/api/v1/me", adminToken, "", 200, `"username":"admin"`},
			{"malformed JSON", "POST", "/api/v1/users", adminToken, `{"username": "x",`, 400, `"code":"api.json.malformed"`},
			{"unknown field", "POST", "/api/v1/users", adminToken, `{"username":"x","colour":"red"}`, 400, `"code":"api.json.unknown_field"`},
			{"wrong type", "POST", "/api/v1/users", adminToken, `{"username":5}`, 400, `"code":"api.json.type"`},
			{"two objects", "POST", "/api/v1/users", adminToken, `{} {}`, 400, `"code":"api.json.trailing"`},
			{"dept admin cannot create a supervisor", "POST", "/api/v1/users", deptToken, `{"username":"sup9","display_name":"x","role":"supervisor","region_code":"320100"}`, 403, `"field":"role"`},
			{"invalid ID number", "POST", "/api/v1/users", adminToken, `{"username":"cit9","display_name":"x","role":"applicant","applicant_kind":"citizen","id_number":"110105194912310021"}`, 422, `"field":"id_number"`},
			{"created", "POST", "/api/v1/users", adminToken, `{"username":"sup9","display_name":"监察员九","role":"supervisor","region_code":"320102"}`, 201, `"password":`},
		}
		for _, c := range cases {
			before := s.events(ctx)
			res := call(c.method, c.path, c.token, c.body)
			if res.status != c.status || !strings.Contains(res.body, c.contains) {
				t.Errorf("%s: %d %s", c.name, res.status, res.body)
			}
			if grew := s.events(ctx) != before; grew != (c.status == 201) {
				t.Errorf("%s: event log grew: %v", c.name, grew)
			}
		}
		u, _, err := s.f.Org.UserWithHash(ctx, "sup9")
		if err != nil || u.Role != org.RoleSupervisor || !u.MustChange {
			t.Fatalf("created user: %+v %v", u, err)
		}
	})
}

// TestAPIAnswersJSONWhenItFails: a failure under /api/v1 (the database
// refusing a query, a path that names nothing) is answered in JSON with
// the request id, never with the HTML apology page.
func TestAPIAnswersJSONWhenItFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		ctx := context.Background()
		if _, err := db.Exec(ctx, `ALTER TABLE catalog_items RENAME TO catalog_items_gone`); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			path   string
			status int
			code   string
		}{{"/api/v1/items", 500, "internal"}, {"/api/v1/nothing", 404, "not_found"}} {
			req, _ := http.NewRequest("GET", s.srv.URL+c.path, nil)
			res, err := s.client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Error struct {
					Code, Message string
					RequestID     string `json:"request_id"`
				}
			}
			err = json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if err != nil || res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
				body.Error.Code != c.code || body.Error.Message == "" {
				t.Errorf("%s: %d %s %+v %v", c.path, res.StatusCode, res.Header.Get("Content-Type"), body, err)
			}
			if c.status == 500 && body.Error.RequestID != res.Header.Get("X-Request-Id") {
				t.Errorf("%s: request id %q, header %q", c.path, body.Error.RequestID, res.Header.Get("X-Request-Id"))
			}
		}
	})
}
