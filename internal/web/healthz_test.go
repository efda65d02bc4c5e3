package web_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
)

// TestHealthzSaysTheDatabaseIsNotWritable: after a sync of the log failed,
// /healthz answers 503 and says why, so a load balancer and an operator see it.
func TestHealthzSaysTheDatabaseIsNotWritable(t *testing.T) {
	ctx := context.Background()
	var failing atomic.Bool
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "healthz.db"), "",
		store.WithLogSync(func(sync func() error) error {
			if failing.Load() {
				return errors.New("input/output error")
			}
			return sync()
		}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := newSite(t, db)
	if r := s.get(s.client(), "/healthz"); r.status != 200 {
		t.Fatalf("healthy database: %d %s", r.status, r.body)
	}
	failing.Store(true)
	if _, err := db.Exec(ctx, `UPDATE users SET display_name = display_name`); err == nil {
		t.Fatal("a write whose sync failed was reported done")
	}
	r := s.get(s.client(), "/healthz")
	if r.status != 503 || !strings.Contains(r.body, "not writable") {
		t.Fatalf("after a failed sync /healthz answered %d %q", r.status, r.body)
	}
}
