package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

const foodItem = "320102-SCJG-XK-001"

var (
	pdfFile = []byte("%PDF-1.7\n食品经营许可申请书\n%%EOF")
	pngFile = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR....")
)

// foodForm is a complete answer to the food licence's form.
func foodForm() url.Values {
	return url.Values{
		"f.applicant": {"玄武小馆餐饮有限公司"}, "f.credit_code": {"91350100M000100Y43"}, "f.legal_rep": {"张三"},
		"f.legal_rep_id": {"11010519491231002x"}, "f.mobile": {"13812345678"}, "f.premises": {"南京市玄武区北京东路1号"},
		"f.region": {"320102"}, "f.format": {"catering"}, "f.scope": {"热食类食品制售"}, "f.area": {"120"}, "f.online": {"no"},
		"f.staff.0.name": {"张三"}, "f.staff.0.id_number": {"11010519491231002X"},
	}
}

// caseSite is the catalog site with a second citizen and a clerk of
// the other county's market department.
func newCaseSite(t testing.TB, db *store.DB) *catalogSite {
	t.Helper()
	s := newCatalogSite(t, db)
	for _, u := range []org.User{
		{Username: "citizen2", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "李四", IDNumber: "320102198506151236"},
		{Username: "clerkb", Role: org.RoleClerk, DisplayName: "窗口乙", DepartmentID: s.f.MarketB.ID},
	} {
		created, err := s.f.Org.CreateUser(context.Background(), "test", u, auth.HashPassword(pw))
		if err != nil {
			t.Fatal(err)
		}
		s.f.Users[created.Username] = created
	}
	return s
}

// file is one file chosen for a material slot.
type file struct {
	slot int
	name string
	data []byte
}

// postMultipart posts a form with files as a browser does.
func (s *site) postMultipart(c *http.Client, path string, form url.Values, files ...file) response {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(fmt.Sprintf("m.%d", f.slot), f.name)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.do(c, req)
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = x
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func must(t *testing.T, res response, status int, contains ...string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("status %d, want %d\n%s", res.status, status, res.body)
	}
	for _, w := range contains {
		if !strings.Contains(res.body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
}

var (
	untranslatedCase = regexp.MustCompile(`\b(case|casework)\.[a-z_]+\.[a-z_.]+`)
	numberRe         = regexp.MustCompile(`320102-\d{8}-\d{5}`)
	codeRe           = regexp.MustCompile(`class="query-code">([A-Z0-9]{8})<`)
)

// words are the texts a journey expects, per language.
type words struct {
	lang, apply, missing, idCheck, tooLarge, wrongType, receipt, days, status, notFound, saved string
}

var chinese = words{"zh-Hans", "在线申请", "缺少此项必交材料", "校验位", "文件太大", "文件类型不符", "接件凭证", "5 个工作日", "已提交，待受理", "没有找到此办件", "草稿已保存"}
var english = words{"en", "Apply online", "This material is required", "check", "File too large", "Wrong file type", "Receipt", "5 working days", "Submitted, awaiting acceptance", "No such case", "Draft saved"}

// journey is the citizen's whole way: find, apply, save, fail, fix,
// submit, receipt, my cases, public lookup. It returns the case number.
func journey(t *testing.T, s *catalogSite, w words) (number, code, draftPath string) {
	c := s.login("citizen1")
	if res := s.post(c, "/lang", url.Values{"lang": {w.lang}, "back": {"/"}}); res.status != 303 {
		t.Fatalf("lang: %d", res.status)
	}
	must(t, s.get(c, "/portal/search?q="+url.QueryEscape("食品")), 200, "/items/"+foodItem)
	must(t, s.get(c, "/items/"+foodItem), 200, w.apply, `action="/items/`+foodItem+`/apply"`)
	res := s.post(c, "/items/"+foodItem+"/apply", nil)
	if res.status != 303 || !strings.HasPrefix(res.location, "/drafts/") {
		t.Fatalf("apply: %d %s", res.status, res.location)
	}
	draft := res.location
	// The applicant's name comes from their account (issue 10: nothing was prefilled).
	must(t, s.get(c, draft), 200, `enctype="multipart/form-data"`, `name="f.applicant" value="张三"`, `name="m.0"`, `name="f.staff.0.id_number"`)

	// Save a half-done draft with one file: it is kept as typed.
	half := url.Values{"f.applicant": {"玄武小馆"}, "f.legal_rep_id": {"110105194912310021"}, "action": {"save"}}
	res = s.postMultipart(c, draft, half, file{0, "申请书.pdf", pdfFile})
	if res.status != 303 || res.location != draft {
		t.Fatalf("save: %d %s %s", res.status, res.location, res.body)
	}
	must(t, s.get(c, draft), 200, w.saved, `value="玄武小馆"`, `value="110105194912310021"`, "申请书.pdf")

	// Submitting now shows every problem at once, with what was typed kept.
	res = s.postMultipart(c, draft, with(half, "action", "submit"))
	must(t, res, 422, w.missing, w.idCheck, `value="玄武小馆"`)
	if n := strings.Count(res.body, w.missing); n != 4 {
		t.Errorf("%d missing materials shown, want 4", n)
	}
	if n := strings.Count(res.body, `<p class="err">`); n < 10 {
		t.Errorf("only %d problems shown at once", n)
	}

	// Oversized and wrong-type files are refused; nothing changes.
	before := s.events(context.Background())
	big := append(append([]byte{}, pdfFile...), bytes.Repeat([]byte("x"), 10<<20)...)
	must(t, s.postMultipart(c, draft, with(foodForm(), "action", "save"), file{1, "执照.pdf", big}), 422, w.tooLarge)
	must(t, s.postMultipart(c, draft, with(foodForm(), "action", "save"), file{1, "执照.exe", []byte("MZ\x90\x00")}), 422, w.wrongType)
	must(t, s.postMultipart(c, draft, with(foodForm(), "action", "save"), file{1, "执照.pdf", []byte("MZ\x90\x00 not a pdf")}), 422)
	if body := s.get(c, draft).body; strings.Contains(body, "执照.pdf") || strings.Contains(body, "执照.exe") {
		t.Error("a refused file was attached")
	}
	if after := s.events(context.Background()); after != before {
		t.Errorf("refused uploads changed something: %d → %d events", before, after)
	}
	// Submitting with a refused file still tells everything else at once.
	must(t, s.postMultipart(c, draft, with(half, "action", "submit"), file{1, "执照.exe", []byte("MZ")}), 422, w.wrongType, w.missing, w.idCheck)

	// Complete and submit.
	res = s.postMultipart(c, draft, with(foodForm(), "action", "submit"),
		file{1, "执照.pdf", pdfFile}, file{2, "布局.png", pngFile}, file{3, "制度.pdf", pdfFile}, file{4, "身份证.jpg", []byte("\xff\xd8\xff\xe0JFIF")})
	if res.status != 303 || !strings.HasSuffix(res.location, "/receipt") {
		t.Fatalf("submit: %d %s\n%s", res.status, res.location, res.body)
	}
	res = s.get(c, res.location)
	must(t, res, 200, w.receipt, "张三", w.days, "025-84430001", "申请书.pdf", "身份证.jpg", "data-print", w.status)
	number = numberRe.FindString(res.body)
	m := codeRe.FindStringSubmatch(res.body)
	if number == "" || m == nil {
		t.Fatalf("no number or query code on the receipt")
	}
	code = m[1]

	must(t, s.get(c, "/my"), 200, number, w.status)
	for _, p := range []string{"/my", "/cases/" + number, "/cases/" + number + "/receipt", "/items/" + foodItem} {
		if k := untranslatedCase.FindString(s.get(c, p).body); k != "" {
			t.Errorf("%s shows the untranslated key %s", p, k)
		}
	}
	must(t, s.get(c, draft), 404)
	// The public lookup shows the status, never the applicant.
	anon := s.client()
	s.post(anon, "/lang", url.Values{"lang": {w.lang}, "back": {"/"}})
	res = s.post(anon, "/lookup", url.Values{"number": {number}, "code": {strings.ToLower(code)}})
	must(t, res, 200, number, w.status)
	for _, private := range []string{"张三", "11010519491231002X", "13812345678", "玄武小馆"} {
		if strings.Contains(res.body, private) {
			t.Errorf("the public lookup shows %q", private)
		}
	}
	wrong := s.get(anon, "/lookup?number="+number+"&code=AAAAAAAA")
	unknown := s.get(anon, "/lookup?number=320102-20990101-00001&code="+code)
	if wrong.status != 404 || unknown.status != 404 || strings.Contains(wrong.body, number+"</h2>") {
		t.Errorf("wrong code %d / unknown number %d", wrong.status, unknown.status)
	}
	return number, code, draft
}

func TestCaseJourney(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		number, _, draft := journey(t, s, chinese)
		ctx := context.Background()

		// "My cases" is a page with the list's total; a made-up cursor is refused in words.
		c1 := s.login("citizen1")
		must(t, s.get(c1, "/my"), 200, number, "共 1 条")
		must(t, s.get(c1, "/my?cursor=abc"), 422, "该翻页链接已失效")
		must(t, s.get(c1, "/my?limit=500"), 422, "每页条数须为 1 至 100 的整数")

		// Another applicant gets not-found for everything of it.
		c2 := s.login("citizen2")
		for _, p := range []string{"/cases/" + number, "/cases/" + number + "/receipt", draft} {
			must(t, s.get(c2, p), 404)
		}
		must(t, s.post(c2, "/cases/"+number+"/withdraw", url.Values{"reason": {"x"}}), 404)
		owner := s.login("citizen1")
		sha := regexp.MustCompile(`/materials/([0-9a-f]{64})`).FindStringSubmatch(s.get(owner, "/cases/"+number).body)
		if sha == nil {
			t.Fatal("no material link on the case page")
		}
		must(t, s.get(owner, "/cases/"+number+"/materials/"+sha[1]), 200)
		must(t, s.get(c2, "/cases/"+number+"/materials/"+sha[1]), 404)
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen2"], "t")
		if res := s.api(tok, "GET", "/api/v1/cases/"+number, nil); res.status != 404 || strings.Contains(res.body, number) {
			t.Errorf("API for another applicant: %d", res.status)
		}
		// Staff do not apply.
		must(t, s.get(s.login("handlera"), "/my"), 403)
		must(t, s.post(s.login("clerka"), "/items/"+foodItem+"/apply", nil), 403)

		// Once handling begins, the case page draws the process with the step it is at.
		if strings.Contains(s.get(owner, "/cases/"+number).body, "办理进度") {
			t.Error("a progress chart before handling began")
		}
		startHandling(t, s, number)
		page := s.get(owner, "/cases/"+number)
		must(t, page, 200, "办理进度", `<svg`, `class="node task current" data-node="accept"`, "办理中", ">通过<")
		if k := untranslatedCase.FindString(page.body); k != "" || strings.Contains(page.body, "token.moved") {
			t.Errorf("the case page shows %q, or the process's inner events", k)
		}
		must(t, page, 200, "开始办理")
		if strings.Count(page.body, "<svg") != 1 {
			t.Error("no chart, or more than one")
		}

		// Withdrawal, once.
		s.post(owner, "/cases/"+number+"/withdraw", url.Values{"reason": {" "}})
		must(t, s.get(owner, "/cases/"+number), 200, "请填写撤回原因", "已提交，待受理")
		res := s.post(owner, "/cases/"+number+"/withdraw", url.Values{"reason": {"信息填错，重新申请"}})
		if res.status != 303 {
			t.Fatalf("withdraw: %d", res.status)
		}
		must(t, s.get(owner, "/cases/"+number), 200, "已撤回", "申请人撤回")
		if !strings.Contains(s.lastEvent(ctx, "case:"+number), "信息填错") {
			t.Error("the reason is not in the event")
		}
		s.post(owner, "/cases/"+number+"/withdraw", url.Values{"reason": {"再撤一次"}})
		must(t, s.get(owner, "/cases/"+number), 200, "已不能撤回")
	})
}

func TestCaseJourneyInEnglish(t *testing.T) {
	s := newCaseSite(t, storetest.SQLite(t))
	number, _, _ := journey(t, s, english)
	startHandling(t, s, number)
	must(t, s.get(s.login("citizen1"), "/cases/"+number), 200, "Progress", `<svg`, "in progress", ">approved<")
}

// startHandling starts the demo serial process for a case, as accepting it will: the
// instance has the case's number for its id and writes to the case's stream.
func startHandling(t testing.TB, s *catalogSite, number string) {
	t.Helper()
	ctx := context.Background()
	book, err := deadline.Open(ctx, s.db, orgtest.Clock)
	if err != nil {
		t.Fatal(err)
	}
	p := process.New(process.Config{DB: s.db, Org: s.f.Org, Clocks: book, Now: orgtest.Clock})
	if err := process.LoadDemo(ctx, p, "test"); err != nil {
		t.Fatal(err)
	}
	err = s.db.Tx(ctx, func(tx *store.Tx) error {
		_, err := p.Start(ctx, tx, number, casework.Stream(casework.Number(number)), "demo-serial", 0, flow.Start{
			Meta: flow.Meta{RequestID: "accept-" + number, Actor: "clerka"}, Departments: flow.Departments{Item: s.f.MarketA.Code},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCaseWindowRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		path := "/window/register?item=" + foodItem
		must(t, s.get(s.login("clerkb"), path), 403)
		must(t, s.get(s.login("citizen1"), path), 403)
		c := s.login("clerka")
		must(t, s.get(c, "/items/"+foodItem), 200, "/window/register?item="+foodItem)
		must(t, s.get(c, path), 200, `name="id_number"`, `name="f.applicant"`, `name="m.0"`)
		files := []file{{0, "申请书.pdf", pdfFile}, {1, "执照.pdf", pdfFile}, {2, "布局.pdf", pdfFile}, {3, "制度.pdf", pdfFile}, {4, "身份证.pdf", pdfFile}}
		must(t, s.postMultipart(c, path, with(foodForm(), "id_number", "110101199003074477"), files...), 422, "没有找到此身份证号码", `value="玄武小馆餐饮有限公司"`)
		must(t, s.postMultipart(c, path, with(foodForm(), "id_number", "11010519491231002X"), files[:2]...), 422, "缺少此项必交材料")
		res := s.postMultipart(c, path, with(foodForm(), "id_number", "11010519491231002x"), files...)
		if res.status != 303 || !strings.HasSuffix(res.location, "/receipt") {
			t.Fatalf("register: %d %s", res.status, res.body)
		}
		must(t, s.get(c, res.location), 200, "窗口申请", "张三", "接件凭证")
		number := numberRe.FindString(res.location)
		must(t, s.get(s.login("citizen1"), "/my"), 200, number)
		must(t, s.get(s.login("clerkb"), res.location), 404)
		must(t, s.postMultipart(s.login("clerkb"), path, with(foodForm(), "id_number", "11010519491231002X"), files...), 403)
	})
}

// api calls the API with a bearer token.
func (s *site) api(token, method, path string, body []byte) response {
	req, _ := http.NewRequest(method, s.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	switch {
	case method != "POST":
	case strings.HasPrefix(path, "/api/v1/uploads"), strings.Contains(path, "/materials"):
		req.Header.Set("Content-Type", "application/octet-stream") // a file as it is, as the document says
	default:
		req.Header.Set("Content-Type", "application/json")
	}
	return s.do(s.client(), req)
}

// foodAPIForm is a good application for foodItem as the API takes it.
func foodAPIForm() map[string]any {
	return map[string]any{"applicant": "玄武小馆餐饮有限公司", "credit_code": "91350100M000100Y43", "legal_rep": "张三",
		"legal_rep_id": "11010519491231002X", "mobile": "13812345678", "premises": "南京市玄武区北京东路1号", "region": "320102",
		"format": "catering", "scope": "热食类食品制售", "area": 120, "online": false,
		"staff": []map[string]any{{"name": "张三", "id_number": "11010519491231002X"}}}
}

func TestCaseAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		refs := uploadFoodMaterials(t, s.site, tok)
		if res := s.api(tok, "POST", "/api/v1/uploads?item="+foodItem+"&slot=0&filename=x.exe", []byte("MZ")); res.status != 422 || !regexp.MustCompile(`文件类型不符：此项材料只接受 [a-z]`).MatchString(res.body) {
			t.Errorf("wrong type upload: %d %s", res.status, res.body)
		}
		form := foodAPIForm()
		bad, _ := json.Marshal(map[string]any{"item": foodItem, "form": map[string]any{"mobile": "123"}, "materials": refs[:1]})
		res := s.api(tok, "POST", "/api/v1/cases", bad)
		if res.status != 422 || !strings.Contains(res.body, `"mobile"`) || !strings.Contains(res.body, `"4"`) {
			t.Fatalf("bad application: %d %s", res.status, res.body)
		}
		good, _ := json.Marshal(map[string]any{"item": foodItem, "form": form, "materials": refs})
		res = s.api(tok, "POST", "/api/v1/cases", good)
		if res.status != 201 {
			t.Fatalf("application: %d %s", res.status, res.body)
		}
		var cs struct {
			Number string `json:"number"`
		}
		json.Unmarshal([]byte(res.body), &cs)
		if !numberRe.MatchString(cs.Number) || !strings.Contains(res.body, `"channel":"online"`) || !strings.Contains(res.body, "acceptance_due") {
			t.Fatalf("created: %s", res.body)
		}
		if res := s.api(tok, "GET", "/api/v1/cases/"+cs.Number, nil); res.status != 200 || !strings.Contains(res.body, "submitted") {
			t.Errorf("get: %d %s", res.status, res.body)
		}
		if res := s.api(tok, "GET", "/api/v1/cases?mine=1", nil); res.status != 200 || !strings.Contains(res.body, cs.Number) || !strings.Contains(res.body, `"count":1`) ||
			!strings.Contains(res.body, `"total":1`) || strings.Contains(res.body, "next_cursor") {
			t.Errorf("mine: %d %s", res.status, res.body)
		}
		// A page size or a cursor that is not valid: a coded refusal naming the parameter.
		for q, field := range map[string]string{"limit=0": "limit", "limit=101": "limit", "cursor=abc": "cursor"} {
			if res := s.api(tok, "GET", "/api/v1/cases?mine=1&"+q, nil); res.status != 422 || !strings.Contains(res.body, `"field":"`+field+`"`) {
				t.Errorf("mine with %s: %d %s", q, res.status, res.body)
			}
		}
		// Adding a material while the case awaits acceptance; then frozen.
		add := "/api/v1/cases/" + cs.Number + "/materials?slot=0&filename=补充.pdf"
		if res := s.api(tok, "POST", add, pdfFile); res.status != 201 || !strings.Contains(res.body, "sha256") {
			t.Errorf("add a material: %d %s", res.status, res.body)
		}
		if res := s.api(tok, "POST", "/api/v1/cases/"+cs.Number+"/materials?slot=0&filename=x.exe", []byte("MZ")); res.status != 422 {
			t.Errorf("add a wrong file: %d %s", res.status, res.body)
		}
		other, err := s.f.Org.CreateUser(ctx, "test", org.User{Username: "company9", Role: org.RoleApplicant, ApplicantKind: org.Company,
			DisplayName: "某公司", CreditCode: "91350100M000100Y43"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		otherTok, _ := s.a.NewToken(ctx, "test", other, "t")
		if res := s.api(otherTok, "POST", add, pdfFile); res.status != 404 {
			t.Errorf("another applicant adds a material: %d", res.status)
		}
		if res := s.api(otherTok, "GET", "/api/v1/cases/"+cs.Number, nil); res.status != 404 {
			t.Errorf("another applicant reads the case: %d", res.status)
		}
		// Acceptance (a later issue) freezes the materials; simulate it.
		if _, err := db.Exec(ctx, `UPDATE cases SET status = 'accepted' WHERE number = ?`, cs.Number); err != nil {
			t.Fatal(err)
		}
		before := s.events(ctx)
		if res := s.api(tok, "POST", add, pdfFile); res.status != 409 || !strings.Contains(res.body, "case.api.frozen") {
			t.Errorf("add to an accepted case: %d %s", res.status, res.body)
		}
		if s.events(ctx) != before {
			t.Error("a refused addition changed something")
		}
		staff, _ := s.a.NewToken(ctx, "test", s.f.Users["handlera"], "t")
		if res := s.api(staff, "GET", "/api/v1/cases?mine=1", nil); res.status != 403 {
			t.Errorf("staff: %d", res.status)
		}
		if res := s.api("", "GET", "/api/v1/cases?mine=1", nil); res.status != 401 {
			t.Errorf("anonymous: %d", res.status)
		}
	})
}

// TestApplyingIsForTheItemsAudience: an item for companies (法人办事) is not applied for
// by a citizen — not online, not through the API, not registered at a window — nor a
// citizens' item (个人办事) by a company; the guide says why instead of offering to apply,
// and a refusal writes nothing.
func TestApplyingIsForTheItemsAudience(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		const forCompanies, forCitizens = "320102-SCJG-XK-003", "320102-SCJG-DJ-002"
		company, err := s.f.Org.CreateUser(ctx, "test", org.User{Username: "company9", Role: org.RoleApplicant, ApplicantKind: org.Company,
			DisplayName: "南京某某设备有限公司", CreditCode: "91320102MA1NXW5R05"}, auth.HashPassword(pw))
		if err != nil {
			t.Fatal(err)
		}
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		before := s.events(ctx)

		citizen := s.login("citizen1")
		guide := s.get(citizen, "/items/"+forCompanies)
		must(t, guide, 200, "此事项面向法人（单位）办理")
		if strings.Contains(guide.body, `action="/items/`+forCompanies+`/apply"`) {
			t.Error("the guide offers a citizen to apply for a companies' item")
		}
		if res := s.post(citizen, "/items/"+forCompanies+"/apply", nil); res.status != 303 || res.location != "/items/"+forCompanies {
			t.Fatalf("a citizen applying for a companies' item: %d %s", res.status, res.location)
		}
		must(t, s.get(citizen, "/items/"+forCompanies), 200, "请使用单位账号申请")
		res := s.api(tok, "POST", "/api/v1/uploads?item="+forCompanies+"&slot=0&filename=a.pdf", pdfFile)
		if res.status != 403 || !strings.Contains(res.body, "wrong_audience") {
			t.Errorf("API upload for a companies' item: %d %s", res.status, res.body)
		}
		res = s.api(tok, "POST", "/api/v1/cases", []byte(`{"item":"`+forCompanies+`","form":{},"materials":[]}`))
		if res.status != 403 || !strings.Contains(res.body, "wrong_audience") {
			t.Errorf("API case for a companies' item: %d %s", res.status, res.body)
		}
		clerk := s.login("clerka")
		must(t, s.postMultipart(clerk, "/window/register?item="+forCompanies, url.Values{"id_number": {"11010519491231002X"}}), 422, "此事项面向法人（单位）办理")

		firm := s.login(company.Username)
		must(t, s.get(firm, "/items/"+forCitizens), 200, "此事项面向个人办理")
		if res := s.post(firm, "/items/"+forCitizens+"/apply", nil); res.status != 303 {
			t.Fatalf("a company applying for a citizens' item: %d", res.status)
		}
		if after := s.events(ctx); after != before {
			t.Errorf("refused applications wrote %d events", after-before)
		}
		// An item for both is open to both.
		for _, c := range []*http.Client{citizen, firm} {
			if res := s.post(c, "/items/"+foodItem+"/apply", nil); res.status != 303 || !strings.HasPrefix(res.location, "/drafts/") {
				t.Errorf("applying for an item for both: %d %s", res.status, res.location)
			}
		}
	})
}
