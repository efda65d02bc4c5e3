package web_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

// TestHealthzSaysTheDatabaseIsNotWritable: after a sync of the log failed,
// /healthz answers 503 and says why, so a load balancer and an operator see it.
func TestHealthzSaysTheDatabaseIsNotWritable(t *testing.T) {
	ctx := context.Background()
	var failing atomic.Bool
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "healthz.db"), "", store.WithKeys(seal.ForTests()),
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

// TestHealthzSaysAFullDatabaseIsNotWritable (issue 11 #8): on a full disk every
// write failed while /healthz said ok. The disk is filled as the store's
// fail-safe tests do, by capping the pages SQLite may add.
func TestHealthzSaysAFullDatabaseIsNotWritable(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "full.db"), "", store.WithKeys(seal.ForTests()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := newSite(t, db)
	var pages int
	if err := db.QueryRow(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `UPDATE users SET display_name = ? WHERE username = 'admin'`, strings.Repeat("满", 1<<20)); err == nil {
		t.Fatal("a write beyond the pages left succeeded")
	}
	r := s.get(s.client(), "/healthz")
	if r.status != 503 || !strings.Contains(r.body, "not writable") {
		t.Fatalf("on a full disk /healthz answered %d %q", r.status, r.body)
	}
}
