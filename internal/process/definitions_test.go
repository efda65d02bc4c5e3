package process_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/flow/demo"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// broken has a node nobody can reach and a task with no way to an end.
func broken() *flow.Definition {
	role := &flow.Assignee{Kind: flow.AssignRole, Role: "handler", Department: flow.DeptItem}
	return &flow.Definition{Key: "broken", Name: "坏流程",
		Nodes: []flow.Node{
			{ID: "start", Kind: flow.KindStart},
			{ID: "handle", Kind: flow.KindTask, Name: "承办", Assignee: role},
			{ID: "orphan", Kind: flow.KindTask, Name: "孤立", Assignee: role},
			{ID: "stuck", Kind: flow.KindTask, Name: "死路", Assignee: role},
			{ID: "done", Kind: flow.KindEnd, Result: flow.ResultApproved},
		},
		Edges: []flow.Edge{
			{From: "start", To: "handle"},
			{From: "handle", To: "done", On: flow.OutcomeApprove},
			{From: "handle", To: "stuck", On: flow.OutcomeReject},
			{From: "orphan", To: "done"},
			{From: "stuck", To: "stuck"},
		},
	}
}

func TestPublishRefusesNamingNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		rec, err := e.p.SaveDraft(ctx, "deptadmina", process.Scope{DepartmentID: e.f.MarketA.ID}, broken())
		if err != nil {
			t.Fatal(err)
		}
		before := len(e.events(process.Stream("broken")))
		_, err = e.p.Publish(ctx, "deptadmina", "broken", rec.Version)
		var de *flow.DefinitionError
		if !errors.As(err, &de) {
			t.Fatalf("publish of a broken definition: %v", err)
		}
		named := map[string][]string{}
		for _, p := range de.Problems {
			named[p.NodeID] = append(named[p.NodeID], p.Code)
		}
		if !slices.Contains(named["orphan"], flow.CodeUnreachable) || !slices.Contains(named["stuck"], flow.CodeNoPathToEnd) {
			t.Fatalf("problems do not name the nodes: %+v", de.Problems)
		}
		got, err := e.p.Get(ctx, "broken", rec.Version)
		if err != nil || got.Status != process.StatusDraft {
			t.Fatalf("a refused publication changed the status: %v %v", got.Status, err)
		}
		if after := len(e.events(process.Stream("broken"))); after != before {
			t.Fatalf("a refused publication appended events: %d → %d", before, after)
		}
	})
}

func TestVersioning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		key := e.publishDemo("serial")
		old, st := e.start(key, nil)
		if st.DefinitionVersion != 1 {
			t.Fatalf("started on version %d", st.DefinitionVersion)
		}

		// Editing the published version makes draft 2; version 1 is untouched.
		v1, _ := e.p.Get(ctx, key, 1)
		edited := *v1.Definition
		edited.Name = "一般许可（新版）"
		edited.Nodes = slices.Clone(edited.Nodes)
		for i := range edited.Nodes {
			if edited.Nodes[i].ID == "review" {
				edited.Nodes[i].LimitDays = 2
			}
		}
		rec, err := e.p.SaveDraft(ctx, "deptadmina", process.Scope{DepartmentID: e.f.MarketA.ID}, &edited)
		if err != nil || rec.Version != 2 || rec.Status != process.StatusDraft {
			t.Fatalf("edit of a published version: %+v %v", rec.Info, err)
		}
		again, _ := e.p.Get(ctx, key, 1)
		if again.Name != v1.Name || again.Status != process.StatusPublished {
			t.Fatalf("version 1 changed: %+v", again.Info)
		}
		// Saving again updates the same draft.
		if rec, err = e.p.SaveDraft(ctx, "deptadmina", process.Scope{DepartmentID: e.f.MarketA.ID}, &edited); err != nil || rec.Version != 2 {
			t.Fatalf("second save: %+v %v", rec.Info, err)
		}
		if _, err := e.p.Publish(ctx, "deptadmina", key, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := e.p.Publish(ctx, "deptadmina", key, 2); !errors.Is(err, process.ErrNotDraft) {
			t.Fatalf("publishing twice: %v", err)
		}
		if v, _ := e.p.Get(ctx, key, 1); v.Status != process.StatusRetired {
			t.Fatalf("version 1 is %s after version 2 was published", v.Status)
		}

		// The running case keeps version 1; a new one starts on version 2.
		st = e.complete(old, st, "accept", "clerka", flow.OutcomeApprove)
		if st.DefinitionVersion != 1 {
			t.Fatalf("running case moved to version %d", st.DefinitionVersion)
		}
		_, st2 := e.start(key, nil)
		if st2.DefinitionVersion != 2 {
			t.Fatalf("new case started on version %d", st2.DefinitionVersion)
		}
		// A retired version starts nothing.
		err = db.Tx(ctx, func(tx *store.Tx) error {
			_, err := e.p.Start(ctx, tx, "x", "case:x", key, 1, flow.Start{Meta: flow.Meta{RequestID: "s", Actor: "clerka"},
				Departments: flow.Departments{Item: e.f.MarketA.Code}})
			return err
		})
		if !errors.Is(err, process.ErrNotRunning) {
			t.Fatalf("start on a retired version: %v", err)
		}
		want := []string{process.EventDraftCreated, process.EventPublished, process.EventDraftCreated, process.EventDraftSaved, process.EventPublished}
		if got := types(e.events(process.Stream(key))); !slices.Equal(got, want) {
			t.Fatalf("definition events %v, want %v", got, want)
		}
	})
}

func TestDraftRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		def, _ := demo.Definition("serial")
		var inv *process.InvalidError
		bad := *def
		bad.Key = "Bad Key"
		if _, err := e.p.SaveDraft(ctx, "admin", process.Scope{}, &bad); !errors.As(err, &inv) || inv.Field != "key" {
			t.Fatalf("bad key: %v", err)
		}
		if _, err := e.p.SaveDraft(ctx, "deptadmina", process.Scope{DepartmentID: e.f.MarketA.ID}, def); err != nil {
			t.Fatal(err)
		}
		if _, err := e.p.SaveDraft(ctx, "admin", process.Scope{DepartmentID: e.f.MarketB.ID}, def); !errors.Is(err, process.ErrKeyTaken) {
			t.Fatalf("another department saving the same key: %v", err)
		}
		if _, err := e.p.SaveDraft(ctx, "admin", process.Scope{DepartmentID: 9999}, def); !errors.As(err, &inv) || inv.Field != "scope" {
			t.Fatalf("unknown department: %v", err)
		}
		rec, _ := e.p.Get(ctx, def.Key, 0)
		if rec.Scope.RegionCode != e.f.CountyA.Code || rec.Version != 1 {
			t.Fatalf("scope not filled: %+v", rec.Info)
		}
	})
}

func TestImportExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		raw, _ := demo.JSON("joint")
		rec, err := e.p.Import(ctx, "admin", process.Scope{RegionCode: e.f.City.Code}, raw)
		if err != nil {
			t.Fatal(err)
		}
		out, err := e.p.Export(ctx, rec.Key, rec.Version)
		if err != nil {
			t.Fatal(err)
		}
		back, err := flow.ParseDefinition(out)
		if err != nil || back.Key != "demo-joint" || len(back.Nodes) != len(rec.Definition.Nodes) || back.Version != 1 {
			t.Fatalf("export does not read back: %v %+v", err, back)
		}
		for _, bad := range []string{
			strings.Replace(string(raw), `"name"`, `"title"`, 1), // an unknown field
			string(raw) + "{}", // trailing data
			`{"key": 5}`,       // wrong type
		} {
			if _, err := e.p.Import(ctx, "admin", process.Scope{}, []byte(bad)); !errors.Is(err, flow.ErrMalformedDefinition) {
				t.Errorf("import of %.40q: %v", bad, err)
			}
		}
		// Re-importing into the draft replaces it.
		if rec2, err := e.p.Import(ctx, "admin", process.Scope{RegionCode: e.f.City.Code}, out); err != nil || rec2.Version != 1 {
			t.Fatalf("re-import: %+v %v", rec2.Info, err)
		}
	})
}

func TestLoadDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		if err := process.LoadDemo(ctx, e.p, "demo"); err != nil {
			t.Fatal(err)
		}
		list, err := e.p.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 4 {
			t.Fatalf("%d definitions after the demo", len(list))
		}
		for _, in := range list {
			if in.Status != process.StatusPublished || in.Scope != (process.Scope{}) {
				t.Errorf("%s: %s %+v", in.Key, in.Status, in.Scope)
			}
		}
		if err := process.LoadDemo(ctx, e.p, "demo"); err != nil {
			t.Fatal(err)
		}
		if again, _ := e.p.List(ctx); len(again) != 4 {
			t.Fatalf("loading the demo twice made %d definitions", len(again))
		}
	})
}
