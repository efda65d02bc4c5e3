package web_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/api/apiclient"
)

// staffClient is the typed API client with a bearer token of who.
func staffClient(t *testing.T, s *catalogSite, who string) *apiclient.ClientWithResponses {
	t.Helper()
	u, _, err := s.f.Org.UserWithHash(context.Background(), who)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.a.NewToken(context.Background(), "test", u, "t")
	if err != nil {
		t.Fatal(err)
	}
	c, err := apiclient.NewClientWithResponses(s.srv.URL+"/api/v1", apiclient.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestStaffAPI handles a case through the API alone, with the client generated
// from the OpenAPI document: each of the department's staff finds their task in
// GET /tasks with its time left, reads the case, and completes the step with an
// opinion (the reviewer first returns it once with a reason); a request sent again
// with its Idempotency-Key acts once; an incomplete one is refused naming the field.
// Every denial writes nothing: another department's staff and a sibling county's
// supervisor do not find the case, an applicant has no to-do and no task, a
// supervisor of the case's region reads it but may not act.
func TestStaffAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newOfficeSite(t, db)
		ctx := context.Background()
		number, _, _ := journey(t, s, chinese)
		startHandling(t, s, number)

		// mine finds who's open task on the case in their to-do, with its time left.
		nodes := map[string]string{} // who → the step of their last task
		mine := func(who string) (*apiclient.ClientWithResponses, string) {
			t.Helper()
			c := staffClient(t, s, who)
			list, err := c.ListTasksWithResponse(ctx, &apiclient.ListTasksParams{})
			if err != nil || list.JSON200 == nil {
				t.Fatalf("%s's to-do: %v %s", who, err, list.Body)
			}
			for _, task := range list.JSON200.Tasks {
				if task.Case == number {
					if task.Due == nil || task.RemainingWorkdays == nil || *task.RemainingWorkdays < 1 {
						t.Fatalf("%s's task has no time left: %s", who, list.Body)
					}
					nodes[who] = task.Node
					return c, task.Id
				}
			}
			t.Fatalf("%s has no task on %s: %s", who, number, list.Body)
			return nil, ""
		}
		complete := func(who, opinion string) {
			t.Helper()
			c, id := mine(who)
			file, err := c.GetCaseWithResponse(ctx, number)
			if err != nil || file.JSON200 == nil || file.JSON200.OpenTasks == nil || len(*file.JSON200.OpenTasks) == 0 || *file.JSON200.ReadOnly {
				t.Fatalf("%s reads the case: %v %s", who, err, file.Body)
			}
			key := apiclient.IdempotencyKey("complete-" + id)
			params := &apiclient.CompleteTaskParams{IdempotencyKey: &key}
			body := apiclient.CompleteTaskJSONRequestBody{Outcome: "approve", Opinion: opinion}
			done, err := c.CompleteTaskWithResponse(ctx, id, params, body)
			if err != nil || done.JSON200 == nil {
				t.Fatalf("%s completes: %v %d %s", who, err, done.StatusCode(), done.Body)
			}
			before := s.events(ctx)
			again, err := c.CompleteTaskWithResponse(ctx, id, params, body)
			if err != nil || again.StatusCode() >= 500 || s.events(ctx) != before {
				t.Fatalf("%s's completion sent again: %v %d, %d events", who, err, again.StatusCode(), s.events(ctx)-before)
			}
		}
		complete("clerka", "材料齐全，予以受理。")

		// An incomplete completion names the field; nothing is written.
		c, id := mine("handlera")
		clients := map[string]*apiclient.ClientWithResponses{}
		for _, who := range []string{"handlerb", "approverb", "reviewera", "superb", "supera", "supercity", "citizen1", "citizen2"} {
			clients[who] = staffClient(t, s, who)
		}
		before := s.events(ctx)
		bad, err := c.CompleteTaskWithResponse(ctx, id, nil, apiclient.CompleteTaskJSONRequestBody{Outcome: "approve", Opinion: " "})
		if err != nil || bad.JSON422 == nil || bad.JSON422.Error.Field == nil || *bad.JSON422.Error.Field != "opinion" {
			t.Fatalf("a completion without an opinion: %v %d %s", err, bad.StatusCode(), bad.Body)
		}

		// Denials, each writing nothing.
		for who, want := range map[string]int{"handlerb": 404, "approverb": 404, "superb": 404, "supera": 200, "supercity": 200, "citizen2": 404} {
			got, err := clients[who].GetCaseWithResponse(ctx, number)
			if err != nil || got.StatusCode() != want || want == 200 && !*got.JSON200.ReadOnly {
				t.Errorf("%s reads the case: %v %d %s", who, err, got.StatusCode(), got.Body)
			}
		}
		for who, want := range map[string]int{"handlerb": 404, "approverb": 404, "reviewera": 404, "citizen1": 404, "superb": 403, "supera": 403, "supercity": 403} {
			res, err := clients[who].CompleteTaskWithResponse(ctx, id, nil, apiclient.CompleteTaskJSONRequestBody{Outcome: "approve", Opinion: "越权"})
			if err != nil || res.StatusCode() != want {
				t.Errorf("%s completes handlera's task: %v %d %s", who, err, res.StatusCode(), res.Body)
			}
			claim, err := clients[who].ClaimTaskWithResponse(ctx, id, nil)
			if err != nil || claim.StatusCode() != want {
				t.Errorf("%s claims handlera's task: %v %d %s", who, err, claim.StatusCode(), claim.Body)
			}
		}
		for _, who := range []string{"citizen1", "supera"} {
			if res, err := clients[who].ListTasksWithResponse(ctx, &apiclient.ListTasksParams{}); err != nil || res.StatusCode() != 403 {
				t.Errorf("%s's to-do: %v %d %s", who, err, res.StatusCode(), res.Body)
			}
		}
		if res, err := c.CompleteTaskWithResponse(ctx, "320102-20200101-00001.t1", nil, apiclient.CompleteTaskJSONRequestBody{Outcome: "approve", Opinion: "x"}); err != nil || res.StatusCode() != 404 {
			t.Errorf("a task that is not there: %v %d", err, res.StatusCode())
		}
		if after := s.events(ctx); after != before {
			t.Fatalf("refused requests wrote %d events", after-before)
		}

		complete("handlera", "经审查，符合法定条件，拟同意。")
		// The reviewer sends it back once, with a reason.
		rc, rid := mine("reviewera")
		to := nodes["handlera"]
		back, err := rc.ReturnTaskWithResponse(ctx, rid, nil, apiclient.ReturnTaskJSONRequestBody{Reason: "请补充现场核查情况。", ToNode: &to})
		if err != nil || back.JSON200 == nil {
			t.Fatalf("return: %v %d %s", err, back.StatusCode(), back.Body)
		}
		complete("handlera", "已补充现场核查情况，拟同意。")
		complete("reviewera", "同意承办意见。")
		complete("approvera", "同意。")

		file, err := staffClient(t, s, "supercity").GetCaseWithResponse(ctx, number)
		if err != nil || file.JSON200 == nil || file.JSON200.Opinions == nil || len(*file.JSON200.Opinions) < 5 || len(*file.JSON200.OpenTasks) != 0 {
			t.Fatalf("the handled case: %v %s", err, file.Body)
		}
	})
}
