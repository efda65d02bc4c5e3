package casework_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// published is e.item() as the catalogue would publish it, for audience
// a; withdrawn marks the item withdrawn since.
func (e *env) published(a catalog.Audience, withdrawn bool) casework.ItemVersion {
	it := e.item()
	ver := catalog.Version{Number: it.Version, State: catalog.StatePublished, Withdrawn: withdrawn}
	ver.Code, ver.Name, ver.Audience = it.Code, it.Name, a
	for _, m := range it.Materials {
		ver.Materials = append(ver.Materials, catalog.Material{Name: m.Name, Required: m.Required, Electronic: true,
			MaxSizeMB: 1, FileTypes: m.Types})
	}
	out := casework.ItemOf(ver, e.f.MarketA, e.f.CountyA)
	out.Validate = it.Validate // the form rules of e.item(), not the catalogue's
	return out
}

// counts is what a refusal must leave as it was: cases, drafts, events.
func counts(t *testing.T, db *store.DB) [3]int {
	t.Helper()
	var n [3]int
	for i, table := range []string{"cases", "drafts", "events"} {
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// unchanged fails the test when what was refused wrote anything.
func unchanged(t *testing.T, db *store.DB, before [3]int, what string) {
	t.Helper()
	if after := counts(t, db); after != before {
		t.Fatalf("%s wrote: %v → %v", what, before, after)
	}
}

// TestSubmittingADraftOfAWithdrawnItem: an item withdrawn after the
// applicant began a draft can no longer be applied for; submitting the
// draft is refused and writes nothing.
func TestSubmittingADraftOfAWithdrawnItem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		d := e.draft(t, "citizen1", true)
		before := counts(t, db)
		_, err := e.cw.Submit(ctx, u, d.ID, e.published(catalog.AudienceBoth, true))
		if !errors.Is(err, catalog.ErrWithdrawn) {
			t.Fatalf("submission of a withdrawn item's draft: %v", err)
		}
		unchanged(t, db, before, "a refused submission wrote")
		if _, err := e.cw.CreateDraft(ctx, u, e.published(catalog.AudienceBoth, true)); !errors.Is(err, catalog.ErrWithdrawn) {
			t.Fatalf("a draft of a withdrawn item: %v", err)
		}
		unchanged(t, db, before, "a refused draft wrote")
	})
}

// TestApplyingForAnItemOfAnotherAudience: a citizen may not apply for an
// item for companies, nor a company for one for citizens — neither by
// starting a draft nor by submitting one.
func TestApplyingForAnItemOfAnotherAudience(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		citizen := e.f.Users["citizen1"]
		company := e.company(t)
		before := counts(t, db)
		if _, err := e.cw.CreateDraft(ctx, citizen, e.published(catalog.AudienceCompany, false)); !errors.Is(err, catalog.ErrForCompanies) {
			t.Fatalf("a citizen's draft of a companies' item: %v", err)
		}
		if _, err := e.cw.CreateDraft(ctx, company, e.published(catalog.AudienceCitizen, false)); !errors.Is(err, catalog.ErrForCitizens) {
			t.Fatalf("a company's draft of a citizens' item: %v", err)
		}
		unchanged(t, db, before, "refused drafts wrote")
		// A draft the citizen holds of a version for everyone cannot be
		// submitted as a version for companies.
		d := e.draft(t, "citizen1", true)
		before = counts(t, db)
		if _, err := e.cw.Submit(ctx, citizen, d.ID, e.published(catalog.AudienceCompany, false)); !errors.Is(err, catalog.ErrForCompanies) {
			t.Fatalf("a citizen's submission for a companies' item: %v", err)
		}
		unchanged(t, db, before, "a refused submission wrote")
	})
}

// company is an applicant of the company kind (法人).
func (e *env) company(t *testing.T) org.User {
	t.Helper()
	u, err := e.f.Org.CreateUser(context.Background(), "test", org.User{Username: "company1", Role: org.RoleApplicant,
		ApplicantKind: org.Company, DisplayName: "南京某某设备有限公司", CreditCode: "91320102MA1NXW5R05"}, "x")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOnlyApplicantsApply: staff have no drafts and submit nothing of their
// own; the refusal writes nothing.
func TestOnlyApplicantsApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		before := counts(t, db)
		for _, name := range []string{"clerka", "handlera", "admin"} {
			if _, err := e.cw.CreateDraft(ctx, e.f.Users[name], e.item()); !errors.Is(err, casework.ErrNotApplicant) || !errors.Is(err, refuse.ErrForbidden) {
				t.Errorf("%s starts a draft: %v", name, err)
			}
		}
		disabled := e.f.Users["citizen1"]
		disabled.Disabled = true
		if _, err := e.cw.CreateDraft(ctx, disabled, e.item()); !errors.Is(err, casework.ErrNotApplicant) {
			t.Errorf("a disabled applicant starts a draft: %v", err)
		}
		unchanged(t, db, before, "refused drafts wrote")
	})
}

// TestWindowRegistrationRules: only a clerk of the item's department
// registers at the window; an unknown applicant, or one the item is not
// for, is told with every other problem at once; a withdrawn item is not
// registered. Each refusal writes nothing.
func TestWindowRegistrationRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		citizen, clerk := e.f.Users["citizen1"], e.f.Users["clerka"]
		files := []casework.Upload{{Slot: 0, Filename: "执照.pdf", Data: pdf}}
		form := casework.Form{"shop_name": "窗口面馆"}
		before := counts(t, db)
		for _, name := range []string{"handlera", "deptadmina", "citizen1"} {
			if _, err := e.cw.Register(ctx, e.f.Users[name], citizen, e.item(), form, files); !errors.Is(err, casework.ErrNotWindowClerk) {
				t.Errorf("%s registers at the window: %v", name, err)
			}
		}
		other := e.item()
		other.DepartmentID = e.f.MarketB.ID
		if _, err := e.cw.Register(ctx, clerk, citizen, other, form, files); !errors.Is(err, casework.ErrNotWindowClerk) {
			t.Errorf("a clerk registers for another department: %v", err)
		}
		if _, err := e.cw.Register(ctx, clerk, citizen, e.published(catalog.AudienceBoth, true), form, files); !errors.Is(err, catalog.ErrWithdrawn) {
			t.Errorf("a withdrawn item registered: %v", err)
		}
		var inv *casework.InvalidError
		_, err := e.cw.Register(ctx, clerk, citizen, e.published(catalog.AudienceCompany, false), casework.Form{}, files)
		if !errors.As(err, &inv) || inv.Applicant != "case.apply.companies_only" || inv.Fields["shop_name"].Key != "catalog.form.required" {
			t.Errorf("a citizen for a companies' item: %v %+v", err, inv)
		}
		_, err = e.cw.Register(ctx, clerk, org.User{}, e.item(), form, files)
		if !errors.As(err, &inv) || inv.Applicant != "case.window.applicant_unknown" {
			t.Errorf("an unknown applicant: %v %+v", err, inv)
		}
		unchanged(t, db, before, "refused registrations wrote")
	})
}

// TestPaperOnlyMaterials: a material handed in on paper takes no file — in
// a draft, on a case awaiting acceptance, or at the window.
func TestPaperOnlyMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u, clerk := e.f.Users["citizen1"], e.f.Users["clerka"]
		item := e.published(catalog.AudienceBoth, false)
		item.Materials[1].PaperOnly = true
		d, err := e.cw.CreateDraft(ctx, u, item)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 0, "执照.pdf", pdf); err != nil {
			t.Fatal(err)
		}
		before := counts(t, db)
		var inv *casework.InvalidError
		if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, item, 1, "门店.png", png); !errors.As(err, &inv) || inv.Materials[1] != "casework.material.paper_only" {
			t.Fatalf("a file for a paper-only material of a draft: %v", err)
		}
		if key := casework.CheckUpload(item, 1, "门店.png", png); key != "casework.material.paper_only" {
			t.Fatalf("CheckUpload: %q", key)
		}
		unchanged(t, db, before, "a refused upload wrote")
		if err := e.cw.SaveDraft(ctx, u.Username, u.ID, d.ID, casework.Form{"shop_name": "老张面馆"}); err != nil {
			t.Fatal(err)
		}
		cs, err := e.cw.Submit(ctx, u, d.ID, item)
		if err != nil {
			t.Fatal(err)
		}
		before = counts(t, db)
		if _, err := e.cw.AddCaseMaterial(ctx, u.Username, u.ID, cs.Number, item, 1, "门店.png", png); !errors.As(err, &inv) || inv.Materials[1] != "casework.material.paper_only" {
			t.Fatalf("a file for a paper-only material of a case: %v", err)
		}
		_, err = e.cw.Register(ctx, clerk, u, item, casework.Form{"shop_name": "窗口面馆"},
			[]casework.Upload{{Slot: 0, Filename: "执照.pdf", Data: pdf}, {Slot: 1, Filename: "门店.png", Data: png}})
		if !errors.As(err, &inv) || inv.Materials[1] != "casework.material.paper_only" {
			t.Fatalf("a file for a paper-only material at the window: %v", err)
		}
		unchanged(t, db, before, "refused uploads wrote")
	})
}

// TestWhoPrintsAReceipt: a case's receipt is for its applicant and for a
// clerk of its department; anyone else finds no such case.
func TestWhoPrintsAReceipt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		cs, err := e.cw.Submit(ctx, e.f.Users["citizen1"], e.draft(t, "citizen1", true).ID, e.item())
		if err != nil {
			t.Fatal(err)
		}
		other, err := e.f.Org.CreateUser(ctx, "test", org.User{Username: "citizen9", Role: org.RoleApplicant, ApplicantKind: org.Citizen,
			DisplayName: "王五", IDNumber: "320102198506151236"}, "x")
		if err != nil {
			t.Fatal(err)
		}
		clerkB, err := e.f.Org.CreateUser(ctx, "test", org.User{Username: "clerkb", Role: org.RoleClerk, DisplayName: "窗口乙",
			DepartmentID: e.f.MarketB.ID}, "x")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			u   org.User
			may bool
		}{
			{e.f.Users["citizen1"], true}, {e.f.Users["clerka"], true},
			{other, false}, {clerkB, false}, {e.f.Users["handlera"], false}, {e.f.Users["admin"], false},
		} {
			got, err := e.cw.Receipt(ctx, c.u, cs.Number)
			if c.may && (err != nil || got.Number != cs.Number) || !c.may && !errors.Is(err, casework.ErrNotFound) {
				t.Errorf("%s prints the receipt: %v", c.u.Username, err)
			}
		}
	})
}
