package web_test

import (
	"context"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/workday"
)

func TestCalendarPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		ctx := context.Background()
		book, _ := deadline.Open(ctx, db, orgtest.Clock)
		// A running case due in January 2027, a year not loaded yet.
		start := time.Date(2026, 12, 21, 2, 0, 0, 0, time.UTC)
		err := db.Tx(ctx, func(tx *store.Tx) error {
			_, err := book.Start(ctx, tx, "case:320102-20261221-00001", "decision", workday.ClockFromDays(deadline.National, start, 20))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.f.Org.CreateUser(ctx, "test", org.User{Username: "countyadmin", Role: org.RoleSysAdmin, DisplayName: "区管理员", RegionCode: "320102"}, auth.HashPassword(pw)); err != nil {
			t.Fatal(err)
		}
		scenarios := []scenario{
			{name: "admin home warns of the missing year", as: "admin", method: "GET", path: "/", status: 200, contains: []string{"缺少 2027 年的节假日安排"}},
			{name: "list", as: "admin", method: "GET", path: "/admin/calendars", status: 200, contains: []string{"全国年节假日安排", "2025, 2026"}},
			{name: "year grid", as: "admin", method: "GET", path: "/admin/calendars/cn?year=2026", status: 200,
				contains: []string{`class="day holiday" title="2026-02-16 法定节假日（休息） · 春节"`, `class="day makeup" title="2026-02-14 调休上班`, "设置某一天"}},
			{name: "supervisor reads the calendar", as: "supercity", method: "GET", path: "/admin/calendars/cn?year=2026", status: 200, absent: []string{"设置某一天"}},
			{name: "supervisor cannot edit", as: "supercity", method: "POST", path: "/admin/calendars/cn/day",
				form: url.Values{"date": {"2026-12-31"}, "kind": {"off"}}, status: 403},
			{name: "dept admin cannot see calendars", as: "deptadmina", method: "GET", path: "/admin/calendars", status: 403},
			{name: "applicant cannot see calendars", as: "citizen1", method: "GET", path: "/admin/calendars/cn", status: 403},
			{name: "county admin cannot edit the national calendar", as: "countyadmin", method: "POST", path: "/admin/calendars/cn/day",
				form: url.Values{"date": {"2026-12-31"}, "kind": {"off"}}, status: 403},
			{name: "county admin cannot create a calendar for another county", as: "countyadmin", method: "POST", path: "/admin/calendars",
				form: url.Values{"name": {"cn-320104"}, "parent": {"cn"}, "region": {"320104"}}, status: 422, contains: []string{"不在您的管理范围内"}},
			{name: "county admin creates its own", as: "countyadmin", method: "POST", path: "/admin/calendars",
				form: url.Values{"name": {"cn-320102"}, "parent": {"cn"}, "region": {"320102"}}, status: 303, changes: true},
			{name: "bad date is explained and kept", as: "admin", method: "POST", path: "/admin/calendars/cn/day",
				form: url.Values{"date": {"2026-02-30"}, "kind": {"off"}, "label": {"测试"}}, status: 422, contains: []string{"请输入有效日期", `value="测试"`}},
			{name: "bad import is explained with its line and kept", as: "admin", method: "POST", path: "/admin/calendars/cn/import",
				form: url.Values{"year": {"2027"}, "text": {"2027-01-01 off 元旦\n2027-02-30 off 春节\n"}}, status: 422, contains: []string{"内容格式不正确", "第 2 行", "2027-02-30 off 春节"}},
			{name: "a date of another year is refused", as: "admin", method: "POST", path: "/admin/calendars/cn/import",
				form: url.Values{"year": {"2027"}, "text": {"2026-01-01 off 元旦\n"}}, status: 422, contains: []string{"其他年份"}},
			{name: "import 2027", as: "admin", method: "POST", path: "/admin/calendars/cn/import",
				form: url.Values{"year": {"2027"}, "text": {"year 2027\n2027-01-01..2027-01-03 off 元旦\n"}}, status: 303, changes: true},
			{name: "the warning is gone", as: "admin", method: "GET", path: "/", status: 200, absent: []string{"缺少 2027 年"}},
			{name: "an edit moves the running case", as: "admin", method: "POST", path: "/admin/calendars/cn/day",
				form: url.Values{"date": {"2027-01-04"}, "kind": {"off"}, "label": {"测试假日"}}, status: 303, changes: true},
			{name: "export", as: "admin", method: "GET", path: "/admin/calendars/cn/export", status: 200, contains: []string{"2027-01-04 off 测试假日"}},
		}
		runScenarios(t, s, scenarios)
		evs, err := event.Stream(ctx, db, deadline.CalendarStream(deadline.National))
		if err != nil {
			t.Fatal(err)
		}
		owners, err := book.MovedOwners(ctx, evs[len(evs)-1])
		if err != nil || !slices.Contains(owners, "case:320102-20261221-00001") {
			t.Fatalf("calendar.changed does not name the moved case: %v, %v", owners, err)
		}
	})
}
