package web_test

import (
	"net/url"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestSiteIdentity (issue 10: the site had no identity): a system
// administrator names the site, its region and contact, and every page shows
// them in its header and footer; nobody else may, and a bad identity is
// refused as typed, changing nothing.
func TestSiteIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		good := url.Values{"name": {"南京市玄武区政务服务网"}, "name_en": {"Xuanwu Government Services"}, "region_code": {"320102"}, "contact": {"025-12345"}}
		runScenarios(t, s, []scenario{
			{name: "no identity yet", method: "GET", path: "/", status: 200, contains: []string{"审批 · 网上审批与电子监察"}, absent: []string{`class="site"`}},
			{name: "a department administrator may not", as: "deptadmina", method: "GET", path: "/admin/site", status: 403},
			{name: "nor post it", as: "deptadmina", method: "POST", path: "/admin/site", form: good, status: 403},
			{name: "a supervisor may not", as: "supercity", method: "POST", path: "/admin/site", form: good, status: 403},
			{name: "the form", as: "admin", method: "GET", path: "/admin/site", status: 200, contains: []string{"网站信息", `name="contact"`, "玄武区 (320102)"}},
			{name: "a name is needed", as: "admin", method: "POST", path: "/admin/site", status: 422,
				form: url.Values{"name": {""}, "region_code": {"320102"}, "contact": {"025-99999"}}, contains: []string{"此项为必填项", `value="025-99999"`}},
			{name: "set", as: "admin", method: "POST", path: "/admin/site", form: good, status: 303, changes: true},
			{name: "the portal's header and footer", method: "GET", path: "/portal", status: 200,
				contains: []string{`<a class="brand" href="/">南京市玄武区政务服务网</a>`, `<p class="site">南京市玄武区政务服务网 · 玄武区 · 联系方式： 025-12345</p>`}},
			{name: "every page", as: "clerka", method: "GET", path: "/", status: 200, contains: []string{"南京市玄武区政务服务网", "025-12345"}},
		})
	})
}
