package catalog_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestReviewActionsAskAuth: every review action refuses, by itself, a user
// auth does not allow — not found for one who may not see the item's drafts,
// forbidden for one who sees it but may not do this — and writes nothing.
func TestReviewActionsAskAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, f := newCatalog(t, db)
		it := catalogtest.Item("320102-SCJG-P-001", "320102-SCJG")
		if _, err := c.CreateItem(ctx, f.Users["deptadmina"], it); err != nil {
			t.Fatal(err)
		}
		deptAdminB, err := f.Org.CreateUser(ctx, "test", org.User{Username: "deptadminb", Role: org.RoleDeptAdmin, DisplayName: "管理乙", DepartmentID: f.MarketB.ID}, "x")
		if err != nil {
			t.Fatal(err)
		}
		disabled := f.Users["approvera"]
		disabled.Disabled = true
		actions := map[string]func(org.User) error{
			"save draft": func(u org.User) error { _, err := c.SaveDraft(ctx, u, 1, it); return err },
			"submit":     func(u org.User) error { return c.Submit(ctx, u, it.Code, 1) },
			"new version": func(u org.User) error {
				_, err := c.NewVersion(ctx, u, it.Code)
				return err
			},
			"return":   func(u org.User) error { return c.Return(ctx, u, it.Code, 1, "理由") },
			"publish":  func(u org.User) error { return c.Publish(ctx, u, it.Code, 1) },
			"withdraw": func(u org.User) error { return c.Withdraw(ctx, u, it.Code, "理由") },
		}
		drafting := []string{"save draft", "submit", "new version"}
		reviewing := []string{"return", "publish", "withdraw"}
		cases := []struct {
			who     string
			u       org.User
			actions []string
			want    error
		}{
			{"the approver drafting", f.Users["approvera"], drafting, catalog.ErrMayNotDraft},
			{"the department administrator reviewing", f.Users["deptadmina"], reviewing, catalog.ErrMayNotReview},
			{"another department's administrator", deptAdminB, append(drafting, reviewing...), catalog.ErrNotFound},
			{"a handler of the department", f.Users["handlera"], append(drafting, reviewing...), catalog.ErrNotFound},
			{"the county's supervisor", f.Users["supera"], append(drafting, reviewing...), catalog.ErrNotFound},
			{"an applicant", f.Users["citizen1"], append(drafting, reviewing...), catalog.ErrNotFound},
			{"a disabled approver", disabled, reviewing, catalog.ErrNotFound},
		}
		before := eventTypes(t, db, it.Code)
		for _, tc := range cases {
			for _, name := range tc.actions {
				if err := actions[name](tc.u); !errors.Is(err, tc.want) {
					t.Errorf("%s, %s: %v, want %v", tc.who, name, err, tc.want)
				}
			}
		}
		if after := eventTypes(t, db, it.Code); len(after) != len(before) {
			t.Fatalf("refused actions wrote events: %v", after[len(before):])
		}
		if v, _ := c.Latest(ctx, it.Code); v.Number != 1 || v.State != catalog.StateDraft {
			t.Fatalf("refused actions changed the item: %+v", v)
		}

		// Creating: one who drafts for no department is forbidden; one who
		// names another department's item has a problem with that field.
		other := catalogtest.Item("320104-SCJG-P-002", "320104-SCJG")
		if _, err := c.CreateItem(ctx, f.Users["approvera"], other); !errors.Is(err, catalog.ErrMayNotDraft) || !errors.Is(err, refuse.ErrForbidden) {
			t.Errorf("an approver created an item: %v", err)
		}
		_, err = c.CreateItem(ctx, f.Users["deptadmina"], other)
		mustInvalid(t, err, "department", "catalog.editor.department_denied")
		if _, err := c.Latest(ctx, other.Code); !errors.Is(err, catalog.ErrNotFound) {
			t.Fatalf("a refused creation stored the item: %v", err)
		}
	})
}
