package org_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The finding: 40 accounts were registered with one resident ID number. A
// number now belongs to one applicant account; a second registration is
// refused on the field, naming nobody, and changes nothing.
func TestOnePersonOneApplicantAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		before, _ := f.Org.CountUsers(ctx)
		citizen := org.User{Username: "citizen2", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "张三",
			IDNumber: "11010519491231002x", Mobile: "13800138000"}
		if _, err := f.Org.CreateUser(ctx, "citizen2", citizen, "x"); !isInvalid(err, "id_number", "org.user.id_number_taken") {
			t.Fatalf("a second account for citizen1's ID number: %v", err)
		}
		if after, _ := f.Org.CountUsers(ctx); after != before {
			t.Fatalf("the refused registration left %d users, want %d", after, before)
		}
		company := org.User{Username: "xiaoguan", Role: org.RoleApplicant, ApplicantKind: org.Company, DisplayName: "玄武小馆",
			CreditCode: "91350100M000100Y43", IDNumber: "11010519491231002X"}
		if _, err := f.Org.CreateUser(ctx, "xiaoguan", company, "x"); err != nil {
			t.Fatalf("a company whose legal representative has a citizen account: %v", err)
		}
		company.Username = "xiaoguan2"
		if _, err := f.Org.CreateUser(ctx, "xiaoguan2", company, "x"); !isInvalid(err, "credit_code", "org.user.credit_code_taken") {
			t.Fatalf("a second account for one credit code: %v", err)
		}
	})
}

// Registrations racing for one number end with exactly one account.
func TestOnePersonOneAccountRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			created int
		)
		for i := 0; i < 16; i++ {
			wg.Go(func() {
				u := org.User{Username: fmt.Sprintf("racer%02d", i), Role: org.RoleApplicant, ApplicantKind: org.Citizen,
					DisplayName: "王五", IDNumber: "110105198001010016"}
				_, err := f.Org.CreateUser(ctx, u.Username, u, "x")
				switch {
				case err == nil:
					mu.Lock()
					created++
					mu.Unlock()
				case !isInvalid(err, "id_number", "org.user.id_number_taken"):
					t.Errorf("%s: %v", u.Username, err)
				}
			})
		}
		wg.Wait()
		if created != 1 {
			t.Fatalf("%d accounts were created for one ID number", created)
		}
	})
}
