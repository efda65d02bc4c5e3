package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestTwoNodesOnePostgres: two servers on one PostgreSQL behind a load
// balancer without sticky sessions. Files uploaded to node A are submitted
// on node B and downloaded from it, by a browser logged in on A. It was
// issue 11's finding that B accepted the case (201) and then failed the
// download with 500 "blob: no such file", each node keeping files on its own
// disk; a node that still does (C) now refuses the submission, naming the
// materials it cannot read, instead of accepting a case it cannot serve.
func TestTwoNodesOnePostgres(t *testing.T) {
	db := storetest.Postgres(t)
	a := newCaseSite(t, db)
	b := &site{t: t, db: db, f: a.f, a: a.a}
	b.srv = b.serve(testFiles(t, db), io.Discard)
	diskFiles, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c := &site{t: t, db: db, f: a.f, a: a.a}
	c.srv = c.serve(diskFiles, io.Discard)

	tok, err := a.a.NewToken(context.Background(), "test", a.f.Users["citizen1"], "t")
	if err != nil {
		t.Fatal(err)
	}
	var refs []map[string]any
	for slot := range 5 {
		content := fmt.Appendf(nil, "%%PDF-1.7\nnode A slot %d\n%%%%EOF", slot)
		res := a.api(tok, "POST", fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d&filename=m%d.pdf", foodItem, slot, slot), content)
		var m struct{ SHA256 string }
		if res.status != 201 || json.Unmarshal([]byte(res.body), &m) != nil {
			t.Fatalf("upload on A: %d %s", res.status, res.body)
		}
		refs = append(refs, map[string]any{"slot": slot, "sha256": m.SHA256})
	}
	body, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodFormJSON(), "materials": refs})

	before := a.events(context.Background())
	res := c.api(tok, "POST", "/api/v1/cases", body)
	if res.status != 422 || strings.Count(res.body, "服务器上找不到此项材料的文件") != len(refs) {
		t.Fatalf("node C, files on its own disk, answered %d %s", res.status, res.body)
	}
	if a.events(context.Background()) != before {
		t.Fatal("the refused submission wrote events")
	}

	res = b.api(tok, "POST", "/api/v1/cases", body)
	var cs struct{ Number string }
	if res.status != 201 || json.Unmarshal([]byte(res.body), &cs) != nil {
		t.Fatalf("submission on B: %d %s", res.status, res.body)
	}
	browser := a.login("citizen1") // the session lives in the database
	for _, ref := range refs {
		content := fmt.Sprintf("%%PDF-1.7\nnode A slot %d\n%%%%EOF", ref["slot"])
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/cases/%s/materials/%s", b.srv.URL, cs.Number, ref["sha256"]), nil)
		got := b.do(browser, req)
		if got.status != 200 || got.body != content {
			t.Errorf("download of slot %v from B: %d %q", ref["slot"], got.status, got.body)
		}
	}
}
