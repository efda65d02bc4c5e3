package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// BenchmarkCaseThroughAPI drives whole cases through the HTTP API on SQLite from 64
// concurrent clients: the applicant uploads the item's five materials and submits;
// the department's staff (clerk, handler, reviewer, approver of the demo serial
// process) each read the case and complete their step with an opinion. The process is
// started in-process between the two, as acceptance will start it: the API's accept
// endpoint is not on main yet. steps/s counts the state-changing API calls (five
// uploads, the submission, four completions per case); the reads are extra.
//
//	go test -run '^$' -bench CaseThroughAPI -benchtime 200x ./internal/web/
func BenchmarkCaseThroughAPI(b *testing.B) {
	ctx := context.Background()
	s := newOfficeSite(b, storetest.SQLite(b))
	book, err := deadline.Open(ctx, s.db, orgtest.Clock)
	if err != nil {
		b.Fatal(err)
	}
	procs := process.New(process.Config{DB: s.db, Org: s.f.Org, Clocks: book, Now: orgtest.Clock})
	if err := process.LoadDemo(ctx, procs, "test"); err != nil {
		b.Fatal(err)
	}
	token := map[string]string{}
	for _, who := range []string{"citizen1", "clerka", "handlera", "reviewera", "approvera"} {
		u, _, err := s.f.Org.UserWithHash(ctx, who)
		if err != nil {
			b.Fatal(err)
		}
		if token[who], err = s.a.NewToken(ctx, "bench", u, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128}}
	call := func(who, method, path, ct string, body []byte, out any) error {
		req, _ := http.NewRequest(method, s.srv.URL+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token[who])
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode >= 300 {
			return fmt.Errorf("%s %s: %d", method, path, res.StatusCode)
		}
		if out == nil {
			return nil
		}
		return json.NewDecoder(res.Body).Decode(out)
	}
	var steps, reads atomic.Int64
	oneCase := func() error {
		var refs []map[string]any
		for slot := range 5 {
			var m map[string]any
			body := append([]byte(fmt.Sprintf("%%PDF-1.7\n%d %d\n", time.Now().UnixNano(), slot)), pdfFile...)
			if err := call("citizen1", "POST", fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d&filename=m%d.pdf", foodItem, slot, slot),
				"application/octet-stream", body, &m); err != nil {
				return err
			}
			refs = append(refs, map[string]any{"slot": slot, "sha256": m["sha256"]})
		}
		app, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodAPIForm(), "materials": refs})
		var cs struct {
			Number string `json:"number"`
		}
		if err := call("citizen1", "POST", "/api/v1/cases", "application/json", app, &cs); err != nil {
			return err
		}
		steps.Add(6)
		err := s.db.Tx(ctx, func(tx *store.Tx) error {
			_, err := procs.Start(ctx, tx, cs.Number, casework.Stream(casework.Number(cs.Number)), "demo-serial", 0, flow.Start{
				Meta: flow.Meta{RequestID: "accept-" + cs.Number, Actor: "clerka"}, Departments: flow.Departments{Item: s.f.MarketA.Code}})
			return err
		})
		if err != nil {
			return err
		}
		for _, who := range []string{"clerka", "handlera", "reviewera", "approvera"} {
			var file struct {
				OpenTasks []struct {
					ID string `json:"id"`
				} `json:"open_tasks"`
			}
			if err := call(who, "GET", "/api/v1/cases/"+cs.Number, "", nil, &file); err != nil {
				return err
			}
			reads.Add(1)
			if len(file.OpenTasks) != 1 {
				return fmt.Errorf("%s finds %d open tasks on %s", who, len(file.OpenTasks), cs.Number)
			}
			done, _ := json.Marshal(map[string]string{"outcome": "approve", "opinion": "同意。"})
			if err := call(who, "POST", "/api/v1/tasks/"+file.OpenTasks[0].ID+"/complete", "application/json", done, nil); err != nil {
				return err
			}
			steps.Add(1)
		}
		return nil
	}
	b.SetParallelism(32) // 64 clients on the 2-core machine
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := oneCase(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(steps.Load())/secs, "steps/s")
	b.ReportMetric(float64(steps.Load()+reads.Load())/secs, "calls/s")
}
