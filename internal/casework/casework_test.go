package casework_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

var pdf = []byte("%PDF-1.7\n营业执照副本")
var png = []byte("\x89PNG\r\n\x1a\n....")

type env struct {
	db  *store.DB
	cw  *casework.Casework
	f   *orgtest.Fixture
	now time.Time
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	ctx := context.Background()
	f := orgtest.Build(t, db, "x")
	e := &env{db: db, f: f, now: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)} // Monday 10:00 in Nanjing
	book, err := deadline.Open(ctx, db, func() time.Time { return e.now })
	if err != nil {
		t.Fatal(err)
	}
	files, err := blob.Open(filepath.Join(t.TempDir(), "files"))
	if err != nil {
		t.Fatal(err)
	}
	e.cw = casework.New(db, files, book, func() time.Time { return e.now })
	return e
}

// item is a food-business licence with a required licence copy, an
// optional photo, and a form whose only rule is a required shop name.
func (e *env) item() casework.ItemVersion {
	return casework.ItemVersion{
		Code: "320102-SCJG-001", Version: 1, Name: "食品经营许可", DepartmentID: e.f.MarketA.ID,
		RegionCode: "320102", RegionPath: e.f.CountyA.Path, Audience: catalog.AudienceBoth,
		Materials: []casework.MaterialRule{
			{Name: "营业执照", Required: true, MaxBytes: 1024, Types: []string{"pdf"}},
			{Name: "经营场所照片", Types: []string{"jpg", "png"}},
		},
		Validate: func(f casework.Form) map[string]casework.FormProblem {
			if f["shop_name"] == "" {
				return map[string]casework.FormProblem{"shop_name": {Key: "catalog.form.required"}}
			}
			return nil
		},
	}
}

func (e *env) draft(t *testing.T, applicant string, withMaterials bool) casework.Draft {
	t.Helper()
	ctx := context.Background()
	u := e.f.Users[applicant]
	d, err := e.cw.CreateDraft(ctx, u, e.item())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cw.SaveDraft(ctx, u.Username, u.ID, d.ID, casework.Form{"shop_name": "老张面馆"}); err != nil {
		t.Fatal(err)
	}
	if withMaterials {
		if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, e.item(), 0, "执照.pdf", pdf); err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, e.item(), 1, "门店.png", png); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestSubmitNumbersClocksAndEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		d := e.draft(t, "citizen1", true)
		cs, err := e.cw.Submit(ctx, u, d.ID, e.item())
		if err != nil {
			t.Fatal(err)
		}
		if cs.Number != "320102-20261123-00001" || cs.Status != casework.Submitted || len(cs.QueryCode) != 8 || len(cs.Materials) != 2 {
			t.Fatalf("case %+v", cs)
		}
		got, err := e.cw.CaseOf(ctx, u.ID, cs.Number)
		if err != nil || len(got.Materials) != 2 || got.Form["shop_name"] != "老张面馆" {
			t.Fatalf("stored case %+v %v", got, err)
		}
		if _, err := e.cw.Draft(ctx, u.ID, d.ID); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("the draft survived its submission")
		}
		evs, _ := event.Stream(ctx, db, casework.Stream(cs.Number))
		if len(evs) != 1 || evs[0].Type != "case.submitted" {
			t.Fatalf("events %+v", evs)
		}
		// Received Monday 23 Nov: 5 working days → Monday 30 Nov, close of business.
		p, err := e.cw.Lookup(ctx, cs.Number, cs.QueryCode)
		if err != nil || !p.AcceptanceDue.Equal(time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC)) {
			t.Fatalf("progress %+v %v", p, err)
		}
	})
}

func TestNumberingUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		const n = 40
		drafts := make([]casework.Draft, n)
		for i := range drafts {
			drafts[i] = e.draft(t, "citizen1", true)
		}
		// Every fourth submission fails half-way (an unknown draft): it must
		// not leave a gap.
		var wg sync.WaitGroup
		numbers := make(chan casework.Number, n)
		for i := range drafts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := drafts[i].ID
				if i%4 == 0 {
					id = "nope"
				}
				cs, err := e.cw.Submit(ctx, u, id, e.item())
				if err == nil {
					numbers <- cs.Number
				} else if !errors.Is(err, casework.ErrNotFound) {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		close(numbers)
		var got []string
		for num := range numbers {
			got = append(got, string(num))
		}
		sort.Strings(got)
		if len(got) != n-n/4 {
			t.Fatalf("%d cases", len(got))
		}
		for i, num := range got {
			if want := fmt.Sprintf("320102-20261123-%05d", i+1); num != want {
				t.Fatalf("number %d is %s, want %s (a gap or a duplicate)", i, num, want)
			}
		}
	})
}

func TestBadSubmissionsAndUploads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		d, _ := e.cw.CreateDraft(ctx, u, e.item())

		uploads := []struct {
			name string
			slot int
			file string
			data []byte
			key  string
		}{
			{"unknown slot", 7, "a.pdf", pdf, "casework.material.slot"},
			{"empty", 0, "a.pdf", nil, "casework.material.empty"},
			{"too large", 0, "a.pdf", append([]byte("%PDF-"), make([]byte, 2000)...), "casework.material.too_large"},
			{"type not listed", 0, "a.png", png, "casework.material.type"},
			{"content is not what the name says", 0, "a.pdf", []byte("MZ\x90\x00 an executable"), "casework.material.content"},
		}
		for _, up := range uploads {
			_, err := e.cw.AddMaterial(ctx, u.Username, u.ID, d.ID, e.item(), up.slot, up.file, up.data)
			var inv *casework.InvalidError
			if !errors.As(err, &inv) || inv.Materials[up.slot] != up.key {
				t.Errorf("%s: %v", up.name, err)
			}
		}
		// Nothing was attached, and a submission is refused with every problem at once.
		_, err := e.cw.Submit(ctx, u, d.ID, e.item())
		var inv *casework.InvalidError
		if !errors.As(err, &inv) || inv.Materials[0] != "casework.material.missing" || inv.Fields["shop_name"].Key != "catalog.form.required" {
			t.Fatalf("submission of an empty draft: %v %+v", err, inv)
		}
		if mine, _ := e.cw.Mine(ctx, u.ID, keyset.First()); mine.Total != 0 || len(mine.Items) != 0 {
			t.Fatal("a refused submission made a case")
		}
		// Another applicant sees nothing of this draft or of a case.
		other := e.f.Users["handlera"] // any other user id
		if _, err := e.cw.Draft(ctx, other.ID, d.ID); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("another user reads the draft")
		}
		if _, err := e.cw.AddMaterial(ctx, "x", other.ID, d.ID, e.item(), 0, "a.pdf", pdf); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("another user uploads into the draft")
		}
		full := e.draft(t, "citizen1", true)
		cs, err := e.cw.Submit(ctx, u, full.ID, e.item())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.cw.CaseOf(ctx, other.ID, cs.Number); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("another user reads the case")
		}
		if err := e.cw.Withdraw(ctx, "x", other.ID, cs.Number, "恶意"); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("another user withdraws the case")
		}
		if _, err := e.cw.Lookup(ctx, cs.Number, "WRONGCODE"); !errors.Is(err, casework.ErrNotFound) {
			t.Fatal("the lookup accepted a wrong code")
		}
	})
}

func TestWithdrawAndWindowRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.f.Users["citizen1"]
		clerk := e.f.Users["clerka"]
		cs, err := e.cw.Register(ctx, clerk, u, e.item(), casework.Form{"shop_name": "窗口面馆"},
			[]casework.Upload{{Slot: 0, Filename: "执照.pdf", Data: pdf}})
		if err != nil {
			t.Fatal(err)
		}
		if cs.Channel != casework.Window || cs.RegisteredBy != clerk.ID || cs.ApplicantID != u.ID {
			t.Fatalf("window case %+v", cs)
		}
		if _, err := e.cw.Register(ctx, clerk, u, e.item(), casework.Form{},
			[]casework.Upload{{Slot: 0, Filename: "执照.pdf", Data: []byte("not a pdf")}}); err == nil {
			t.Fatal("a bad walk-in application was registered")
		}
		if err := e.cw.Withdraw(ctx, u.Username, u.ID, cs.Number, "不再需要"); err != nil {
			t.Fatal(err)
		}
		if err := e.cw.Withdraw(ctx, u.Username, u.ID, cs.Number, "again"); !errors.Is(err, casework.ErrNotWithdrawable) {
			t.Fatalf("second withdrawal: %v", err)
		}
		p, err := e.cw.Lookup(ctx, cs.Number, cs.QueryCode)
		if err != nil || p.Status != casework.Withdrawn || len(p.Steps) != 2 {
			t.Fatalf("progress %+v %v", p, err)
		}
	})
}
