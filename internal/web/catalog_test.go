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
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// catalogSite is the orgtest site with the departments of the demo
// catalog, an approver and a second department administrator, the demo
// catalog published, and one test item (every form field type) published
// in market department A.
type catalogSite struct {
	*site
	cat *catalog.Catalog
}

const testItem = "320102-SCJG-T-001"

func newCatalogSite(t testing.TB, db *store.DB) *catalogSite {
	t.Helper()
	s := newSite(t, db)
	ctx := context.Background()
	o := s.f.Org
	for _, d := range []org.Department{
		{Code: "320100-SCJG", RegionCode: "320100", Name: "南京市市场监督管理局"},
		{Code: "320100-ZRZY", RegionCode: "320100", Name: "南京市规划和自然资源局"},
		{Code: "320100-JTYS", RegionCode: "320100", Name: "南京市交通运输局"},
		{Code: "320102-WSJK", RegionCode: "320102", Name: "玄武区卫生健康委员会", NameEn: "Xuanwu District Health Commission"},
		{Code: "320102-ZRZY", RegionCode: "320102", Name: "玄武区自然资源和规划局"},
		{Code: "320102-JTYS", RegionCode: "320102", Name: "玄武区交通运输局"},
		{Code: "320104-WSJK", RegionCode: "320104", Name: "秦淮区卫生健康委员会"},
		{Code: "320104-ZRZY", RegionCode: "320104", Name: "秦淮区自然资源和规划局"},
	} {
		if _, err := o.CreateDepartment(ctx, "test", d); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []org.User{
		{Username: "approvera", Role: org.RoleApprover, DisplayName: "批准甲", DepartmentID: s.f.MarketA.ID},
		{Username: "deptadminb", Role: org.RoleDeptAdmin, DisplayName: "部门管理员乙", DepartmentID: s.f.MarketB.ID},
	} {
		created, err := o.CreateUser(ctx, "test", u, auth.HashPassword(pw))
		if err != nil {
			t.Fatal(err)
		}
		s.f.Users[created.Username] = created
	}
	c := catalog.New(db, o, orgtest.Clock)
	if err := catalog.LoadDemo(ctx, c, "demo"); err != nil {
		t.Fatal(err)
	}
	doc := catalog.Document{Format: catalog.DocumentFormat, Version: catalog.DocumentVersion,
		Items: []catalog.Item{catalogtest.Item(testItem, "320102-SCJG")}}
	if _, err := c.Import(ctx, "admin", doc, catalog.ImportOptions{Publish: true}); err != nil {
		t.Fatal(err)
	}
	return &catalogSite{site: s, cat: c}
}

// run plays scenarios in order.
func (s *catalogSite) run(t *testing.T, scenarios []scenario) { runScenarios(t, s.site, scenarios) }

func TestCatalogPortal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		food := "/items/320102-SCJG-XK-001"
		s.run(t, []scenario{
			{name: "portal home", method: "GET", path: "/portal", status: 200,
				contains: []string{"网上办事大厅", "个人办事", "法人办事", "市场准入", "不动产", "玄武区市场监督管理局", "高频事项", `action="/portal/search"`}},
			{name: "search 食品: names first", method: "GET", path: "/portal/search?q=" + url.QueryEscape("食品"), status: 200,
				contains: []string{"食品经营许可", "食品小作坊登记", "找到"}},
			{name: "search 卫生许可", method: "GET", path: "/portal/search?q=" + url.QueryEscape("卫生许可"), status: 200,
				contains: []string{"公共场所卫生许可", "/items/320102-WSJK-XK-001"}, absent: []string{"食品经营许可"}},
			{name: "search by a material", method: "GET", path: "/portal/search?q=" + url.QueryEscape("完税凭证"), status: 200,
				contains: []string{"不动产转移登记", "所需材料：完税凭证"}},
			{name: "search finds nothing", method: "GET", path: "/portal/search?q=" + url.QueryEscape("火箭发射"), status: 200,
				contains: []string{"没有找到与“火箭发射”相关的事项"}},
			{name: "browse for citizens", method: "GET", path: "/portal/search?audience=citizen", status: 200,
				contains: []string{"个体工商户设立登记", "护士执业注册"}, absent: []string{"有限责任公司设立登记", "放射诊疗许可"}},
			{name: "browse a theme", method: "GET", path: "/portal/search?theme=real_estate", status: 200,
				contains: []string{"不动产转移登记", "不动产抵押登记", "建设用地规划许可"}, absent: []string{"食品经营许可"}},
			{name: "browse a department", method: "GET", path: "/portal/search?department=320102-WSJK", status: 200,
				contains: []string{"公共场所卫生许可", "医疗机构执业登记"}, absent: []string{"食品经营许可"}},
			{name: "guide in Chinese", method: "GET", path: food, status: 200, contains: []string{
				`lang="zh-Hans"`, "食品经营许可", "设定依据", "《中华人民共和国食品安全法》第三十五条", "申请条件", "申请材料",
				"食品经营许可申请书", "法定时限", "20 个工作日", "10 个工作日", "承诺件", "网上预审＋窗口办理", "不收费",
				"食品经营许可证", "有效期 60 个月", "监督投诉电话", "12345", "办理流程", "demo-loop",
				food + "/notice", food + "/samples/1", food + "/form", "玄武区市场监督管理局", `id="flow"`}},
			{name: "guide with fees", method: "GET", path: "/items/320102-ZRZY-DJ-001", status: 200,
				contains: []string{"不动产登记费（住宅）", "每件80元", "80 元", "发改价格规〔2016〕2559号", "除上述项目外不得收取其他费用"}},
			{name: "one-time notice", method: "GET", path: food + "/notice", status: 200,
				contains: []string{"一次性告知单", "☐", "食品经营许可申请书", "法定办结时限 20 个工作日", "data-print", "/static/catalog.css"}},
			{name: "form, blank", method: "GET", path: food + "/form", status: 200,
				contains: []string{`name="f.applicant"`, `name="f.credit_code"`, `name="f.staff.0.name"`, `type="date"`, "餐饮服务经营者", `novalidate`}},
			{name: "no such item", method: "GET", path: "/items/NO-SUCH-ITEM", status: 404},
			{name: "no such sample", method: "GET", path: food + "/samples/2", status: 404},
			{name: "sample number out of range", method: "GET", path: food + "/samples/99", status: 404},
			{name: "a draft is not public", method: "GET", path: food + "?v=9", status: 404},
		})
	})
}

var untranslated = regexp.MustCompile(`\b(catalog|portal|level)\.[a-z_]+\.[a-z_.]+`)

// TestPortalSearchPages: results come a phone's page at a time, with the total, the
// range shown and links to the neighbouring pages that keep the query and filters.
func TestPortalSearchPages(t *testing.T) {
	s := newCatalogSite(t, storetest.SQLite(t))
	c := s.client()
	first := s.get(c, "/portal/search")
	must(t, first, 200, "找到 21 项事项", "第 1–20 项", `href="/portal/search?page=2" rel="next"`)
	if n := strings.Count(first.body, `<li class="card">`); n != 20 {
		t.Errorf("%d hits on the first page, want 20", n)
	}
	second := s.get(c, "/portal/search?page=2")
	must(t, second, 200, "第 21–21 项", `href="/portal/search" rel="prev"`)
	if strings.Contains(second.body, `rel="next"`) {
		t.Error("the last page links to a next one")
	}
	must(t, s.get(c, "/portal/search?audience=citizen"), 200, "找到")
	if res := s.get(c, "/portal/search?q="+url.QueryEscape("登记")+"&page=9"); res.status != 303 || res.location != "/portal/search?q="+url.QueryEscape("登记") {
		t.Errorf("a page past the last: %d %s", res.status, res.location)
	}
	must(t, s.get(c, "/portal/search?page=abc"), 200, "第 1–20 项")
}

func TestCatalogGuideInEnglish(t *testing.T) {
	db := storetest.SQLite(t)
	s := newCatalogSite(t, db)
	for path, wants := range map[string][]string{
		"/items/320102-SCJG-XK-001": {`lang="en"`, "Food business licence", "Legal basis", "Conditions", "Materials",
			"Application form for a food business licence", "Statutory limit", "20 working days", "Free", "Complaints", "Procedure"},
		"/items/320102-SCJG-XK-001/notice": {"One-time notice", "Checklist of materials"},
		"/portal":                          {"Online service hall", "For citizens", "By theme", "Xuanwu District Health Commission"},
		"/portal/search?q=food":            {"Food business licence", "items found"},
	} {
		req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
		req.Header.Set("Accept-Language", "en")
		res := s.do(s.client(), req)
		if res.status != 200 {
			t.Fatalf("%s: %d", path, res.status)
		}
		for _, w := range wants {
			if !strings.Contains(res.body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if k := untranslated.FindString(res.body); k != "" {
			t.Errorf("%s shows the untranslated key %s", path, k)
		}
	}
}

func TestCatalogSampleDownload(t *testing.T) {
	db := storetest.SQLite(t)
	s := newCatalogSite(t, db)
	res, err := s.client().Get(s.srv.URL + "/items/320102-SCJG-XK-001/samples/1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") || !strings.Contains(b.String(), "食品经营许可申请书（填写示例）") {
		t.Fatalf("sample: %d %v %q", res.StatusCode, res.Header, b.String())
	}
}

// TestCatalogFormValidation posts the test item's form (a field of every
// type) with one bad answer at a time: the problem shows beside the field,
// what was typed stays, and nothing is stored.
func TestCatalogFormValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		path := "/items/" + testItem + "/form"
		good := url.Values{}
		for k, v := range catalogtest.GoodValues() {
			good.Set("f."+k, v)
		}
		ctx := context.Background()
		before := s.events(ctx)
		if res := s.post(s.client(), path, good); res.status != 200 || !strings.Contains(res.body, "填写内容符合要求") {
			t.Fatalf("good answers: %d", res.status)
		}
		cases := []struct {
			field, value, message string
		}{
			{"shop", "", "此项必填"},
			{"shop", "店", "至少需要 2 个字"},
			{"about", strings.Repeat("长", 51), "不能超过 50 个字"},
			{"area", "一百二十", "请填写数字"},
			{"area", "0.5", "不能小于 1"},
			{"staff_count", "8.5", "请填写整数"},
			{"opening", "2026-02-30", "日期格式应为"},
			{"opening", "2019-01-01", "不能早于 2020-01-01"},
			{"format", "wholesale", "请从选项中选择"},
			{"online", "maybe", "请选择“是”或“否”"},
			{"owner_id", "110105194912310021", "身份证号码校验位不正确"},
			{"credit", "91350100M000100Y44", "统一社会信用代码校验码不正确"},
			{"mobile", "12345", "手机号码格式不正确"},
			{"region", "32A102", "行政区划代码格式不正确"},
			{"address", "", "此项必填"},
			{"staff.0.id", "110105194912310021", "身份证号码校验位不正确"},
		}
		for _, tc := range cases {
			form := url.Values{}
			for k, v := range good {
				form[k] = v
			}
			form.Set("f."+tc.field, tc.value)
			res := s.post(s.client(), path, form)
			if res.status != 422 || !strings.Contains(res.body, tc.message) {
				t.Errorf("%s=%q: status %d, message %q missing", tc.field, tc.value, res.status, tc.message)
				continue
			}
			// The message sits right after the field's input, and the other
			// answers are kept.
			name := `name="f.` + tc.field + `"`
			at := strings.Index(res.body, name)
			if at < 0 || !strings.Contains(res.body[at:min(len(res.body), at+1500)], tc.message) {
				t.Errorf("%s: the message is not beside the field", tc.field)
			}
			if tc.field != "shop" && !strings.Contains(res.body, `value="玄武小馆"`) {
				t.Errorf("%s: the other answers were lost", tc.field)
			}
			if tc.value != "" && tc.field != "format" && tc.field != "online" && !strings.Contains(res.body, `value="`+tc.value+`"`) && !strings.Contains(res.body, ">"+tc.value+"<") {
				t.Errorf("%s: what was typed was lost", tc.field)
			}
		}
		// Too many rows for the table.
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		for i := 1; i <= 3; i++ {
			form.Set(fmt.Sprintf("f.staff.%d.name", i), "王五")
			form.Set(fmt.Sprintf("f.staff.%d.id", i), "11010519491231002X")
		}
		if res := s.post(s.client(), path, form); res.status != 422 || !strings.Contains(res.body, "最多填写 3 行") {
			t.Errorf("rows: %d", res.status)
		}
		if s.events(ctx) != before {
			t.Error("checking a form changed something")
		}
	})
}

func TestCatalogAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		get := func(path string) (int, map[string]any) {
			res := s.get(s.client(), path)
			var body map[string]any
			if err := json.Unmarshal([]byte(res.body), &body); err != nil {
				t.Fatalf("%s: not JSON: %s", path, res.body)
			}
			return res.status, body
		}
		status, body := get("/api/v1/items?q=" + url.QueryEscape("食品"))
		items, _ := body["items"].([]any)
		if status != 200 || len(items) < 3 || items[0].(map[string]any)["name"] != "食品经营许可" {
			t.Fatalf("search: %d %v", status, body)
		}
		status, body = get("/api/v1/items?q=" + url.QueryEscape("卫生许可") + "&limit=1")
		if items, _ := body["items"].([]any); status != 200 || len(items) != 1 || items[0].(map[string]any)["code"] != "320102-WSJK-XK-001" && items[0].(map[string]any)["code"] != "320104-WSJK-XK-001" {
			t.Fatalf("卫生许可: %v", body)
		}
		status, body = get("/api/v1/items/320102-SCJG-XK-001")
		item, _ := body["item"].(map[string]any)
		if status != 200 || item["legal_basis"] == nil || item["code"] != "320102-SCJG-XK-001" || body["version"] != float64(1) || body["current"] != true {
			t.Fatalf("item: %d %v", status, body)
		}
		if status, body = get("/api/v1/items/NO-SUCH"); status != 404 || body["error"] == nil {
			t.Fatalf("unknown item: %d %v", status, body)
		}
		if status, _ = get("/api/v1/items?limit=0"); status != 400 {
			t.Fatalf("bad limit: %d", status)
		}
		// The next page of a search, and the total to know when to stop.
		_, first := get("/api/v1/items?limit=2")
		status, body = get("/api/v1/items?limit=2&offset=2")
		page1, _ := first["items"].([]any)
		page2, _ := body["items"].([]any)
		if status != 200 || len(page2) != 2 || body["total"] != float64(21) || first["total"] != float64(21) ||
			page1[1].(map[string]any)["code"] == page2[0].(map[string]any)["code"] {
			t.Fatalf("second page: %d %v after %v", status, body, first)
		}
		if status, _ = get("/api/v1/items?offset=-1"); status != 400 {
			t.Fatalf("bad offset: %d", status)
		}
	})
}

func TestCatalogAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		item := "/admin/items/" + testItem
		newItem := url.Values{
			"code": {"320102-SCJG-W-001"}, "name": {"网页新建事项"}, "kind": {"licensing"}, "department": {"320102-SCJG"},
			"audience": {"both"}, "themes": {"market_access"}, "process_key": {"serial-default"},
			"legal_basis": {"《中华人民共和国行政许可法》第十二条"}, "conditions": {"具有完全民事行为能力"},
			"statutory_days": {"20"}, "promised_days": {"10"}, "mode": {"promised"}, "channel": {"online"},
			"result_kind": {"certificate"}, "result_name": {"某许可证"}, "where": {"玄武区政务服务中心"}, "hours": {"工作日"},
			"complaint_phone": {"12345"},
			"m.0.name":        {"申请书"}, "m.0.form": {"original"}, "m.0.copies": {"1"}, "m.0.required": {"1"}, "m.0.electronic": {"1"},
			"m.1.name": {""}, "m.1.form": {"original"}, "m.1.copies": {"1"}, // the blank row
			"ff.0.name": {"shop"}, "ff.0.type": {"text"}, "ff.0.label": {"店名"}, "ff.0.required": {"1"},
			"ff.1.name": {"format"}, "ff.1.type": {"choice"}, "ff.1.label": {"业态"}, "ff.1.options": {"retail | 食品销售 | Retail\ncatering | 餐饮服务"},
		}
		with := func(changes ...string) url.Values {
			f := url.Values{}
			for k, v := range newItem {
				f[k] = v
			}
			for i := 0; i+1 < len(changes); i += 2 {
				f.Set(changes[i], changes[i+1])
			}
			return f
		}
		s.run(t, []scenario{
			// Who may open what.
			{name: "anonymous is sent to log in", method: "GET", path: "/admin/items", status: 303},
			{name: "supervisor may not administer items", as: "supercity", method: "GET", path: "/admin/items", status: 403},
			{name: "applicant may not administer items", as: "citizen1", method: "GET", path: "/admin/items", status: 403},
			{name: "handler may not administer items", as: "handlera", method: "GET", path: "/admin/items", status: 403},
			{name: "dept admin lists own department only", as: "deptadmina", method: "GET", path: "/admin/items", status: 200,
				contains: []string{testItem, "320102-SCJG-XK-001", "新建事项"}, absent: []string{"320104-SCJG-XK-001", "320102-WSJK-XK-001"}},
			{name: "sysadmin lists every department", as: "admin", method: "GET", path: "/admin/items", status: 200,
				contains: []string{"320104-SCJG-XK-001", "320102-WSJK-XK-001", "直接发布"}},
			{name: "another department's admin does not see the item", as: "deptadminb", method: "GET", path: item, status: 404},
			{name: "another department's admin cannot start a version", as: "deptadminb", method: "POST", path: item + "/versions", status: 404},
			{name: "supervisor cannot withdraw", as: "supercity", method: "POST", path: item + "/withdraw", form: url.Values{"withdraw_reason": {"x"}}, status: 403},
			{name: "applicant cannot publish", as: "citizen1", method: "POST", path: item + "/versions/1/publish", status: 403},
			{name: "dept admin cannot create for another department", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("department", "320104-SCJG"), status: 422, contains: []string{"您不能为此部门创建事项", `value="网页新建事项"`}},
			{name: "approver cannot create items", as: "approvera", method: "GET", path: "/admin/items/new", status: 403},

			// Bad input: the message beside the field, what was typed kept, nothing changed.
			{name: "promised over statutory", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("promised_days", "30"), status: 422, contains: []string{"承诺时限不能超过法定时限", `value="30"`, `value="网页新建事项"`, "申请书"}},
			{name: "days not a number", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("statutory_days", "二十"), status: 422, contains: []string{"请填写非负整数", `value="二十"`}},
			{name: "material without name", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("m.0.name", "", "m.0.note", "原件核验"), status: 422, contains: []string{"此项必填", `value="原件核验"`}},
			{name: "bad form field", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("ff.1.options", ""), status: 422, contains: []string{"单选题至少需要一个选项"}},
			{name: "bad columns JSON", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("ff.2.name", "staff", "ff.2.type", "table", "ff.2.label", "人员", "ff.2.columns", `[{"name":"a","colour":1}]`), status: 422,
				contains: []string{"表格的列不是有效的 JSON"}},
			{name: "code taken", as: "deptadmina", method: "POST", path: "/admin/items",
				form: with("code", testItem), status: 422, contains: []string{"此事项编码已被使用"}},

			// The lifecycle through the pages.
			{name: "dept admin creates a draft", as: "deptadmina", method: "POST", path: "/admin/items", form: newItem, status: 303, changes: true},
			{name: "the draft is not public", method: "GET", path: "/items/320102-SCJG-W-001", status: 404},
			{name: "the draft has its preview", as: "approvera", method: "GET", path: "/admin/items/320102-SCJG-W-001/versions/1", status: 200,
				contains: []string{"预览", "网页新建事项"}},
			{name: "dept admin edits the draft", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1",
				form: with("conditions", "修改后的条件", "code", "HIJACK", "department", "320104-SCJG"), status: 303, changes: true},
			{name: "approver cannot create items by posting", as: "approvera", method: "POST", path: "/admin/items", form: newItem, status: 403},
			{name: "approver cannot edit the draft", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1",
				form: newItem, status: 403},
			{name: "approver cannot submit", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/submit", status: 403},
			{name: "another department's admin cannot submit", as: "deptadminb", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/submit", status: 404},
			{name: "dept admin submits", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/submit", status: 303, changes: true},
			{name: "a submitted version cannot be edited", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1",
				form: newItem, status: 303},
			{name: "dept admin cannot publish", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/publish", status: 403},
			{name: "return needs a reason", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/return", status: 422,
				contains: []string{"此项必填"}},
			{name: "approver publishes", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1/publish", status: 303, changes: true},
			{name: "published and public", method: "GET", path: "/items/320102-SCJG-W-001", status: 200, contains: []string{"网页新建事项", "修改后的条件", "业态"}},
			{name: "a published version cannot be edited", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/1",
				form: with("conditions", "偷改"), status: 303},
			{name: "new version", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions", status: 303, changes: true},
			{name: "only one open draft", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions", status: 409},
			{name: "edit page of version 2", as: "deptadmina", method: "GET", path: "/admin/items/320102-SCJG-W-001/versions/2/edit", status: 200,
				contains: []string{"修改后的条件", `name="m.1.name"`, ">retail | 食品销售 | Retail"}},
			{name: "save version 2", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/2",
				form: with("name", "网页新建事项（新版）"), status: 303, changes: true},
			{name: "portal still shows version 1", method: "GET", path: "/items/320102-SCJG-W-001", status: 200,
				contains: []string{"修改后的条件"}, absent: []string{"（新版）"}},
			{name: "sysadmin submits version 2", as: "admin", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/2/submit", status: 303, changes: true},
			{name: "and may not publish what they submitted", as: "admin", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/2/publish", status: 403,
				contains: []string{"提交该版本的人不能发布它"}},
			{name: "the approver publishes version 2", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/versions/2/publish", status: 303, changes: true},
			{name: "version 2 on the portal", method: "GET", path: "/items/320102-SCJG-W-001", status: 200, contains: []string{"（新版）", "第 2 版"}},
			{name: "version 1 stays readable", method: "GET", path: "/items/320102-SCJG-W-001?v=1", status: 200,
				contains: []string{"已被新版本替代", "第 1 版"}, absent: []string{"（新版）"}},
			{name: "version history", as: "deptadmina", method: "GET", path: "/admin/items/320102-SCJG-W-001", status: 200,
				contains: []string{"已被替代", "已发布", "批准甲", "系统管理员"}, absent: []string{">approvera<"}},
			{name: "withdrawal needs a reason", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/withdraw", status: 422,
				contains: []string{"此项必填"}},
			{name: "dept admin cannot withdraw", as: "deptadmina", method: "POST", path: "/admin/items/320102-SCJG-W-001/withdraw",
				form: url.Values{"withdraw_reason": {"不再实施"}}, status: 403},
			{name: "approver withdraws", as: "approvera", method: "POST", path: "/admin/items/320102-SCJG-W-001/withdraw",
				form: url.Values{"withdraw_reason": {"依法取消"}}, status: 303, changes: true},
			{name: "a withdrawn item leaves the portal", method: "GET", path: "/items/320102-SCJG-W-001", status: 404},
			{name: "and search", method: "GET", path: "/portal/search?q=" + url.QueryEscape("网页新建"), status: 200, absent: []string{"320102-SCJG-W-001"}},
			{name: "but its versions stay readable for cases", method: "GET", path: "/items/320102-SCJG-W-001?v=2", status: 200,
				contains: []string{"本事项已停止办理"}},
		})
	})
}

// upload posts a file to the import form.
func (s *catalogSite) upload(c *http.Client, file []byte, publish bool) response {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", "catalog.json")
	fw.Write(file)
	if publish {
		mw.WriteField("publish", "1")
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/admin/items/import", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.do(c, req)
}

func TestCatalogImportExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCatalogSite(t, db)
		ctx := context.Background()
		admin := s.login("deptadmina")
		exported := s.get(admin, "/admin/items/export")
		var doc catalog.Document
		if err := json.Unmarshal([]byte(exported.body), &doc); err != nil || exported.status != 200 {
			t.Fatalf("export: %d %v", exported.status, err)
		}
		for _, it := range doc.Items {
			if it.Department != "320102-SCJG" {
				t.Errorf("export holds another department's item %s", it.Code)
			}
		}
		if len(doc.Items) != 5 || len(doc.Files) == 0 {
			t.Fatalf("export: %d items, %d files", len(doc.Items), len(doc.Files))
		}

		good := catalogtest.Item("320102-SCJG-U-001", "320102-SCJG")
		body, _ := json.Marshal(catalog.Document{Format: catalog.DocumentFormat, Version: 1, Items: []catalog.Item{good}})
		other := catalogtest.Item("320104-SCJG-U-002", "320104-SCJG")
		foreign, _ := json.Marshal(catalog.Document{Format: catalog.DocumentFormat, Version: 1, Items: []catalog.Item{good, other}})
		bad := catalogtest.Item("320102-SCJG-U-003", "320102-SCJG")
		bad.PromisedDays = 99
		invalid, _ := json.Marshal(catalog.Document{Format: catalog.DocumentFormat, Version: 1, Items: []catalog.Item{good, bad}})
		unknown := bytes.Replace(body, []byte(`"legal_basis":`), []byte(`"legal_basic":"x","legal_basis":`), 1)

		cases := []struct {
			name     string
			as       string
			file     []byte
			publish  bool
			status   int
			contains []string
			changes  bool
		}{
			{"not JSON", "deptadmina", []byte("事项,名称\n1,食品"), false, 422, []string{"JSON 格式错误", "未作任何改动"}, false},
			{"unknown field names item and field", "deptadmina", unknown, false, 422, []string{"320102-SCJG-U-001", "legal_basic", "未知字段"}, false},
			{"invalid item names item and field", "deptadmina", invalid, false, 422, []string{"320102-SCJG-U-003", "promised_days", "承诺时限不能超过法定时限"}, false},
			{"another department's item", "deptadmina", foreign, false, 422, []string{"320104-SCJG-U-002", "您不能导入此部门的事项"}, false},
			{"only a sysadmin publishes on import", "deptadmina", body, true, 403, nil, false},
			{"supervisor may not import", "supercity", body, false, 403, nil, false},
			{"approver may not import", "approvera", body, false, 403, nil, false},
			{"drafts imported", "deptadmina", body, false, 200, []string{"导入完成：新增 1 项"}, true},
			{"the same file again replaces the draft", "deptadmina", body, false, 200, []string{"更新 1 项"}, true},
			{"sysadmin imports the export as published: nothing changes", "admin", []byte(exported.body), true, 200, []string{"未变 5 项"}, false},
		}
		for _, tc := range cases {
			before := s.events(ctx)
			res := s.upload(s.login(tc.as), tc.file, tc.publish)
			if res.status != tc.status {
				t.Errorf("%s: status %d, want %d", tc.name, res.status, tc.status)
				continue
			}
			for _, w := range tc.contains {
				if !strings.Contains(res.body, w) {
					t.Errorf("%s: lacks %q", tc.name, w)
				}
			}
			if (s.events(ctx) != before) != tc.changes {
				t.Errorf("%s: change %v expected", tc.name, tc.changes)
			}
		}
		if v, err := s.cat.Latest(ctx, "320102-SCJG-U-001"); err != nil || v.State != catalog.StateDraft {
			t.Fatalf("imported draft: %+v %v", v, err)
		}
		if _, err := s.cat.Latest(ctx, "320102-SCJG-U-003"); err == nil {
			t.Fatal("a refused import stored an item")
		}
	})
}

// TestCatalogEditorSample uploads a material's sample through the editor: a
// file whose content belies its name is refused beside the field, a real
// one is stored and, once published, downloadable.
func TestCatalogEditorSample(t *testing.T) {
	db := storetest.SQLite(t)
	s := newCatalogSite(t, db)
	ctx := context.Background()
	post := func(fileName string, content []byte) response {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range map[string]string{
			"code": "320102-SCJG-S-001", "name": "样表事项", "kind": "licensing", "department": "320102-SCJG", "audience": "both",
			"legal_basis": "《中华人民共和国行政许可法》", "conditions": "无", "statutory_days": "20", "promised_days": "5",
			"mode": "promised", "channel": "online", "result_kind": "document", "result_name": "批复", "where": "窗口", "hours": "工作日",
			"complaint_phone": "12345", "m.0.name": "申请书", "m.0.form": "original", "m.0.copies": "1",
		} {
			mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("m.0.sample_file", fileName)
		fw.Write(content)
		mw.Close()
		req, _ := http.NewRequest("POST", s.srv.URL+"/admin/items", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return s.do(s.login("deptadmina"), req)
	}
	before := s.events(ctx)
	if res := post("申请书.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")); res.status != 422 ||
		!strings.Contains(res.body, "文件内容与扩展名不符") || !strings.Contains(res.body, `value="样表事项"`) {
		t.Fatalf("disguised executable: %d", res.status)
	}
	if s.events(ctx) != before {
		t.Fatal("a refused upload changed something")
	}
	if res := post("申请书样表.txt", []byte("申请书样表：申请人＿＿＿")); res.status != 303 {
		t.Fatalf("good sample: %d %s", res.status, res.body)
	}
	s.cat.Submit(ctx, s.f.Users["deptadmina"], "320102-SCJG-S-001", 1)
	if err := s.cat.Publish(ctx, s.f.Users["admin"], "320102-SCJG-S-001", 1); err != nil {
		t.Fatal(err)
	}
	if res := s.get(s.client(), "/items/320102-SCJG-S-001/samples/1"); res.status != 200 || res.body != "申请书样表：申请人＿＿＿" {
		t.Fatalf("download: %d %q", res.status, res.body)
	}
	// Editing the next version keeps the sample unless it is removed.
	v2, err := s.cat.NewVersion(ctx, s.f.Users["deptadmina"], "320102-SCJG-S-001")
	if err != nil {
		t.Fatal(err)
	}
	edit := s.get(s.login("deptadmina"), "/admin/items/320102-SCJG-S-001/versions/2/edit")
	if !strings.Contains(edit.body, "申请书样表.txt") || !strings.Contains(edit.body, `name="m.0.sample_sha" value="`+v2.Materials[0].Sample.SHA256+`"`) {
		t.Fatalf("the editor lost the sample")
	}
}
