// Package orgtest builds a small organisation for tests of any domain: a
// province, a city with two sibling counties, departments and one user of
// every role.
package orgtest

import (
	"context"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// Fixture is the organisation a test works in.
type Fixture struct {
	Org              *org.Org
	Province, City   org.Region
	CountyA, CountyB org.Region
	MarketA, MarketB org.Department // one department in each county
	Users            map[string]org.User
}

// Clock is the fixed instant fixtures use.
var Clock = func() time.Time { return time.Date(2026, 11, 23, 1, 30, 0, 0, time.UTC) }

// Build creates the fixture in db. PasswordHash is stored for every user.
func Build(t testing.TB, db *store.DB, passwordHash string) *Fixture {
	t.Helper()
	ctx := context.Background()
	o := org.New(db, Clock)
	f := &Fixture{Org: o, Users: map[string]org.User{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.Province, err = o.CreateRegion(ctx, "test", org.Region{Code: "320000", Name: "江苏省", Level: org.Province})
	must(err)
	f.City, err = o.CreateRegion(ctx, "test", org.Region{Code: "320100", Name: "南京市", Level: org.City, ParentCode: "320000"})
	must(err)
	f.CountyA, err = o.CreateRegion(ctx, "test", org.Region{Code: "320102", Name: "玄武区", Level: org.County, ParentCode: "320100"})
	must(err)
	f.CountyB, err = o.CreateRegion(ctx, "test", org.Region{Code: "320104", Name: "秦淮区", Level: org.County, ParentCode: "320100"})
	must(err)
	f.MarketA, err = o.CreateDepartment(ctx, "test", org.Department{Code: "320102-SCJG", RegionCode: "320102", Name: "玄武区市场监督管理局"})
	must(err)
	f.MarketB, err = o.CreateDepartment(ctx, "test", org.Department{Code: "320104-SCJG", RegionCode: "320104", Name: "秦淮区市场监督管理局"})
	must(err)
	add := func(u org.User) {
		t.Helper()
		created, err := o.CreateUser(ctx, "test", u, passwordHash)
		must(err)
		f.Users[created.Username] = created
	}
	add(org.User{Username: "citizen1", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "张三", IDNumber: "11010519491231002X"})
	add(org.User{Username: "clerka", Role: org.RoleClerk, DisplayName: "窗口甲", DepartmentID: f.MarketA.ID})
	add(org.User{Username: "handlera", Role: org.RoleHandler, DisplayName: "承办甲", DepartmentID: f.MarketA.ID})
	add(org.User{Username: "handlerb", Role: org.RoleHandler, DisplayName: "承办乙", DepartmentID: f.MarketB.ID})
	add(org.User{Username: "deptadmina", Role: org.RoleDeptAdmin, DisplayName: "部门管理员甲", DepartmentID: f.MarketA.ID})
	add(org.User{Username: "supercity", Role: org.RoleSupervisor, DisplayName: "市监察员", RegionCode: "320100"})
	add(org.User{Username: "supera", Role: org.RoleSupervisor, DisplayName: "玄武监察员", RegionCode: "320102"})
	add(org.User{Username: "admin", Role: org.RoleSysAdmin, DisplayName: "系统管理员", RegionCode: "320000"})
	return f
}
