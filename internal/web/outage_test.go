package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// lockedBuffer is a log both the server and the test touch.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestOutageIsNotABadToken: while the database is down a request with a
// valid token or session is answered 503 — coded JSON on the API, the
// apology page on the web — and logged, not taken for an anonymous one
// (it was 401 "需要登录或有效的访问令牌" and nothing logged). On PostgreSQL
// the server's connections are cut and new ones refused, as when the
// server stops; on SQLite the database is closed under the server.
func TestOutageIsNotABadToken(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "outage.db"), "", store.WithKeys(seal.ForTests()))
		if err != nil {
			t.Fatal(err)
		}
		checkOutage(t, db, func() { db.Close() })
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, line := storetest.PostgresLine(t)
		db, err := store.Open(context.Background(), dsn, "", store.WithKeys(seal.ForTests()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		checkOutage(t, db, line.Cut)
	})
}

func checkOutage(t *testing.T, db *store.DB, down func()) {
	ctx := context.Background()
	var log lockedBuffer
	s := newSiteLogging(t, db, &log)
	token, err := s.a.NewToken(ctx, "test", s.f.Users["admin"], "t")
	if err != nil {
		t.Fatal(err)
	}
	browser := s.login("admin")
	me := func() (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", s.srv.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := s.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		return res, b.Bytes()
	}
	if res, body := me(); res.StatusCode != 200 {
		t.Fatalf("before the outage: %d %s", res.StatusCode, body)
	}
	if r := s.get(browser, "/"); r.status != 200 {
		t.Fatalf("web before the outage: %d", r.status)
	}

	down()
	res, body := me()
	var got struct {
		Error struct {
			Code, Message string
			RequestID     string `json:"request_id"`
		}
	}
	if err := json.Unmarshal(body, &got); err != nil || res.StatusCode != http.StatusServiceUnavailable ||
		got.Error.Code != "unavailable" || got.Error.Message == "" || got.Error.RequestID != res.Header.Get("X-Request-Id") {
		t.Fatalf("API during the outage: %d %s (%v)", res.StatusCode, body, err)
	}
	if !strings.Contains(log.String(), "request_id="+got.Error.RequestID) {
		t.Errorf("the failed lookup was not logged with its request id:\n%s", log.String())
	}
	req, _ := http.NewRequest("GET", s.srv.URL+"/", nil)
	page, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != http.StatusServiceUnavailable || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Errorf("web during the outage: %d %s", page.StatusCode, page.Header.Get("Content-Type"))
	}
	if id := page.Header.Get("X-Request-Id"); !strings.Contains(log.String(), "request_id="+id) {
		t.Errorf("the web request %s was not logged:\n%s", id, log.String())
	}
}
