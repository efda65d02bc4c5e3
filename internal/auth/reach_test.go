package auth_test

import (
	"context"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestReach: one resolver says where each user acts — a system
// administrator in their region and below, department staff in their own
// department, applicants and supervisors nowhere.
func TestReach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		county, err := f.Org.CreateUser(ctx, "test", org.User{Username: "admin104", Role: org.RoleSysAdmin, DisplayName: "秦淮管理员", RegionCode: "320104"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		disabled := f.Users["admin"]
		disabled.Disabled = true
		cases := []struct {
			name           string
			u              org.User
			depts, regions []string
		}{
			{"province administrator", f.Users["admin"], []string{"320102-SCJG", "320104-SCJG"}, []string{"320000", "320100", "320102", "320104"}},
			{"county administrator", county, []string{"320104-SCJG"}, []string{"320104"}},
			{"department administrator", f.Users["deptadmina"], []string{"320102-SCJG"}, nil},
			{"handler", f.Users["handlera"], []string{"320102-SCJG"}, nil},
			{"supervisor", f.Users["supercity"], nil, nil},
			{"applicant", f.Users["citizen1"], nil, nil},
			{"disabled administrator", disabled, nil, nil},
		}
		for _, c := range cases {
			reach, err := auth.ReachOf(ctx, f.Org, c.u)
			if err != nil {
				t.Fatal(err)
			}
			var regions []string
			for _, r := range reach.Regions {
				regions = append(regions, r.Code)
			}
			if got := reach.Codes(); !slices.Equal(got, c.depts) || !slices.Equal(regions, c.regions) {
				t.Errorf("%s reaches %v and %v, want %v and %v", c.name, got, regions, c.depts, c.regions)
			}
			for _, d := range reach.Departments {
				if reach.RegionOf(d).Code != d.RegionCode {
					t.Errorf("%s: department %s without its region", c.name, d.Code)
				}
			}
		}
		drafts := func(u org.User) []string {
			reach, _ := auth.ReachOf(ctx, f.Org, u)
			var out []string
			for _, d := range reach.Where(func(d org.Department, r org.Region) bool { return auth.CanDraftItem(u, d, r) }) {
				out = append(out, d.Code)
			}
			return out
		}
		if got := drafts(f.Users["deptadmina"]); !slices.Equal(got, []string{"320102-SCJG"}) {
			t.Errorf("the department administrator drafts for %v", got)
		}
		if got := drafts(f.Users["handlera"]); len(got) != 0 {
			t.Errorf("a handler drafts for %v", got)
		}
	})
}
