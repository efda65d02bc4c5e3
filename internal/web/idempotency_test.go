package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web"
)

// keyed calls the API with a bearer token and an Idempotency-Key on base (a
// node's URL), answering the status, the body and whether it was replayed.
func keyed(t *testing.T, base, token, key, method, path, contentType string, body []byte) (int, string, bool) {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header.Get("Idempotent-Replayed") == "true"
}

// multipartUpload is one file as a multipart body, with a boundary of its own each time.
func multipartUpload(name string, data []byte) ([]byte, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	w, _ := mw.CreateFormFile("file", name)
	w.Write(data)
	mw.Close()
	return body.Bytes(), mw.FormDataContentType()
}

// countRows counts the rows of a table the test reads.
func countRows(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestIdempotencyKey: a retry with the key answers the first result and changes
// nothing; the key with another request is refused; a refused request is not
// remembered; another applicant's key of the same name is theirs.
func TestIdempotencyKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		base := s.srv.URL

		// An upload retried as a client library does, with a new multipart boundary.
		var refs []map[string]any
		for slot := range 5 {
			path := fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d", foodItem, slot)
			body, ct := multipartUpload("m.pdf", pdfFile)
			st, first, _ := keyed(t, base, tok, fmt.Sprintf("upload-%d", slot), "POST", path, ct, body)
			body, ct = multipartUpload("m.pdf", pdfFile)
			events := s.events(ctx)
			st2, again, replayed := keyed(t, base, tok, fmt.Sprintf("upload-%d", slot), "POST", path, ct, body)
			if st != 201 || st2 != 201 || again != first || !replayed || s.events(ctx) != events {
				t.Fatalf("upload retried: %d %s, then %d %s (replayed %v)", st, first, st2, again, replayed)
			}
			var m map[string]any
			json.Unmarshal([]byte(first), &m)
			refs = append(refs, map[string]any{"slot": slot, "sha256": m["sha256"]})
		}

		// A refused request is not remembered: the key serves the corrected one.
		bad, _ := json.Marshal(map[string]any{"item": foodItem, "form": map[string]any{"mobile": "123"}, "materials": refs})
		if st, body, _ := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases", "application/json", bad); st != 422 || !strings.Contains(body, `"invalid"`) {
			t.Fatalf("invalid application: %d %s", st, body)
		}
		good, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodFormJSON(), "materials": refs})
		st, first, _ := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases", "application/json", good)
		if st != 201 {
			t.Fatalf("application: %d %s", st, first)
		}
		events, cases := s.events(ctx), countRows(t, db, `SELECT COUNT(*) FROM cases`)
		st, again, replayed := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases", "application/json", good)
		if st != 201 || again != first || !replayed {
			t.Errorf("retried application: %d %s (replayed %v), first %s", st, again, replayed, first)
		}
		// The same key for another request: refused, nothing changes.
		other, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodFormJSON(), "materials": refs[:4]})
		if st, body, _ := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases", "application/json", other); st != 422 || !strings.Contains(body, "idempotency.key_reused") {
			t.Errorf("key reused: %d %s", st, body)
		}
		if st, body, _ := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases?x=1", "application/json", good); st != 422 || !strings.Contains(body, "idempotency.key_reused") {
			t.Errorf("key reused on another path: %d %s", st, body)
		}
		if s.events(ctx) != events || countRows(t, db, `SELECT COUNT(*) FROM cases`) != cases {
			t.Error("a retry or a reused key changed something")
		}
		if st, body, _ := keyed(t, base, tok, "bad key", "POST", "/api/v1/cases", "application/json", good); st != 400 || !strings.Contains(body, "idempotency.key_invalid") {
			t.Errorf("invalid key: %d %s", st, body)
		}
		// Keys are the caller's: another user's key of the same name is not this one.
		admin, _ := s.a.NewToken(ctx, "test", s.f.Users["admin"], "t")
		user, _ := json.Marshal(map[string]any{"username": "keyed1", "role": "clerk", "display_name": "王五", "department_id": s.f.MarketA.ID})
		if st, body, replayed := keyed(t, base, admin, "case-1", "POST", "/api/v1/users", "application/json", user); st != 201 || replayed {
			t.Errorf("another caller's key: %d %s (replayed %v)", st, body, replayed)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM idempotency_keys WHERE status > 0`); n != 7 {
			t.Errorf("%d keys remembered with their answer, want 7", n)
		}

		// A process killed between a change's commit and the storing of its answer
		// leaves the key without one: the answer is rebuilt from what the change
		// created, or, where an endpoint cannot, a coded 409 says it was carried out.
		if _, err := db.Exec(ctx, `UPDATE idempotency_keys SET status = 0, body = NULL`); err != nil {
			t.Fatal(err)
		}
		events = s.events(ctx)
		if st, again, replayed := keyed(t, base, tok, "case-1", "POST", "/api/v1/cases", "application/json", good); st != 201 || again != first || !replayed {
			t.Errorf("rebuilt answer to a submission: %d %s (replayed %v), first %s", st, again, replayed, first)
		}
		body, ct := multipartUpload("m.pdf", pdfFile)
		if st, again, replayed := keyed(t, base, tok, "upload-0", "POST", fmt.Sprintf("/api/v1/uploads?item=%s&slot=0", foodItem), ct, body); st != 201 || !replayed || !strings.Contains(again, refs[0]["sha256"].(string)) {
			t.Errorf("rebuilt answer to an upload: %d %s (replayed %v)", st, again, replayed)
		}
		if st, body, _ := keyed(t, base, admin, "case-1", "POST", "/api/v1/users", "application/json", user); st != 409 || !strings.Contains(body, "idempotency.unanswered") {
			t.Errorf("an answer that cannot be rebuilt: %d %s", st, body)
		}
		if s.events(ctx) != events || countRows(t, db, `SELECT COUNT(*) FROM cases`) != cases {
			t.Error("a retry without a stored answer changed something")
		}
	})
}

// TestIdempotencyKeyAtOnce: requests with one key sent at once, to one node and to
// two nodes on one database, make one case; every other answer is the first
// result or a coded 409 to retry.
func TestIdempotencyKeyAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		tok, _ := s.a.NewToken(ctx, "test", s.f.Users["citizen1"], "t")
		node2, err := web.New(s.cfg)
		if err != nil {
			t.Fatal(err)
		}
		srv2 := httptest.NewServer(node2.Handler())
		t.Cleanup(srv2.Close)
		var refs []map[string]any
		for slot := range 5 {
			res := s.api(tok, "POST", fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d&filename=m.pdf", foodItem, slot), pdfFile)
			var m map[string]any
			json.Unmarshal([]byte(res.body), &m)
			refs = append(refs, map[string]any{"slot": slot, "sha256": m["sha256"]})
		}
		good, _ := json.Marshal(map[string]any{"item": foodItem, "form": foodFormJSON(), "materials": refs})
		for round, nodes := range [][]string{{s.srv.URL}, {s.srv.URL, srv2.URL}} {
			key := fmt.Sprintf("at-once-%d", round)
			var wg sync.WaitGroup
			var mu sync.Mutex
			answers := map[int]int{}
			created := map[string]bool{}
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					st, body, _ := keyed(t, nodes[i%len(nodes)], tok, key, "POST", "/api/v1/cases", "application/json", good)
					mu.Lock()
					defer mu.Unlock()
					answers[st]++
					switch {
					case st == 201:
						created[body] = true
					case st == 409 && (strings.Contains(body, "idempotency.in_progress") || strings.Contains(body, "idempotency.unanswered")):
					default:
						t.Errorf("%d %s", st, body)
					}
				}()
			}
			wg.Wait()
			if len(created) != 1 {
				t.Errorf("%v: %d different cases answered, want 1 (answers %v)", nodes, len(created), answers)
			}
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM cases`); n != 2 {
			t.Errorf("%d cases from two keys", n)
		}
	})
}

// TestIdempotencyKeysExpire: a record older than store.KeyLifetime is ignored,
// taken over by a new request with the key, and swept.
func TestIdempotencyKeysExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		u := s.f.Users["citizen1"]
		now := s.cfg.Now()
		old := now.Add(-store.KeyLifetime - 1)
		write := func(c *store.Claim) error {
			return db.Tx(store.WithClaim(ctx, c), func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `UPDATE users SET display_name = display_name WHERE id = ?`, u.ID)
				return err
			})
		}
		if err := write(&store.Claim{UserID: u.ID, Key: "k", At: old}); err != nil {
			t.Fatal(err)
		}
		if _, found, err := db.Remembered(ctx, u.ID, "k", now); found || err != nil {
			t.Errorf("an expired key is remembered (%v)", err)
		}
		fresh := &store.Claim{UserID: u.ID, Key: "k", At: now}
		if err := write(fresh); err != nil || !fresh.Recorded() {
			t.Fatalf("taking over an expired key: %v", err)
		}
		again := &store.Claim{UserID: u.ID, Key: "k", At: now}
		if err := write(again); err != store.ErrKeyTaken || !again.Taken() {
			t.Errorf("a live key recorded twice: %v", err)
		}
		if err := write(&store.Claim{UserID: u.ID, Key: "gone", At: old}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.ForgetKeys(ctx, now); n != 1 || err != nil {
			t.Errorf("swept %d (%v), want the one expired key", n, err)
		}
	})
}
