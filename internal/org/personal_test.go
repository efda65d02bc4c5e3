package org_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// rawUser is how the database holds a user's personal fields.
func rawUser(t *testing.T, db *store.DB, id int64) (idNumber, mobile, claim string) {
	t.Helper()
	err := db.QueryRow(context.Background(), `SELECT u.id_number, u.mobile, COALESCE(a.value, '') FROM users u
		LEFT JOIN applicant_identities a ON a.user_id = u.id AND a.kind = 'id_number' WHERE u.id = ?`, id).Scan(&idNumber, &mobile, &claim)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// TestPersonalDataSealedAtRest (issue 11 #9): a resident ID number and a
// mobile are stored sealed, the claim of the ID number and the lookup by it
// go by a keyed hash, and users stored before sealing (or under an older
// key) are sealed by SealStored.
func TestPersonalDataSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := orgtest.Build(t, db, "x")
		const id, mobile = "320102198506151236", "13912345678"
		u, err := f.Org.CreateUser(ctx, "test", org.User{Username: "sealed", Role: org.RoleApplicant, ApplicantKind: org.Citizen,
			DisplayName: "李四", IDNumber: id, Mobile: mobile}, "x")
		if err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			rawID, rawMobile, claim := rawUser(t, db, u.ID)
			for _, raw := range []string{rawID, rawMobile, claim} {
				if strings.Contains(raw, id) || strings.Contains(raw, mobile) || raw == "" {
					t.Fatalf("%s: stored %q", when, raw)
				}
			}
			got, err := f.Org.ApplicantByIDNumber(ctx, id)
			if err != nil || got.ID != u.ID || got.IDNumber != id || got.Mobile != mobile {
				t.Fatalf("%s: lookup by ID number: %+v %v", when, got, err)
			}
			if _, err := f.Org.CreateUser(ctx, "test", org.User{Username: "again", Role: org.RoleApplicant, ApplicantKind: org.Citizen,
				DisplayName: "李四", IDNumber: id}, "x"); err == nil {
				t.Fatalf("%s: the ID number was registered twice", when)
			}
		}
		check("created")

		// As stored before this version: in the clear, no hash.
		if _, err := db.Exec(ctx, `UPDATE users SET id_number = ?, mobile = ?, id_number_hash = '' WHERE id = ?`, id, mobile, u.ID); err != nil {
			t.Fatal(err)
		}
		_, _, claim := rawUser(t, db, u.ID)
		if _, err := db.Exec(ctx, `UPDATE applicant_identities SET value = ? WHERE value = ?`, id, claim); err != nil {
			t.Fatal(err)
		}
		if got, err := f.Org.User(ctx, u.ID); err != nil || got.IDNumber != id {
			t.Fatalf("a user stored in the clear: %+v %v", got, err)
		}
		if n, err := f.Org.SealStored(ctx, db); err != nil || n == 0 {
			t.Fatalf("SealStored: %d %v", n, err)
		}
		check("sealed at start-up")
		if n, _ := f.Org.SealStored(ctx, db); n != 0 {
			t.Fatalf("SealStored sealed %d users a second time", n)
		}
	})
}
