// Package storetest gives tests a real, freshly migrated database on every
// engine: a SQLite file in the test's temporary directory always, and a
// schema of its own on the PostgreSQL server named by SHENPI_TEST_PG
// (a postgres:// DSN) when that is set. With SHENPI_TEST_PG_REQUIRED=1 a
// missing server fails the test instead of skipping the engine, which is how
// CI runs.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

// Each runs fn once per available engine, as a subtest named after it.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv("SHENPI_TEST_PG") == "" {
		if os.Getenv("SHENPI_TEST_PG_REQUIRED") == "1" {
			t.Fatal("SHENPI_TEST_PG_REQUIRED=1 but SHENPI_TEST_PG is not set")
		}
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a new database file in the test's temporary directory.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), "", store.WithKeys(seal.ForTests()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Postgres opens a new schema on the server in SHENPI_TEST_PG and drops it
// when the test ends.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), PostgresDSN(t), "", store.WithKeys(seal.ForTests()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresDSN creates a schema of the test's own on the server in
// SHENPI_TEST_PG, drops it when the test ends, and returns a DSN that uses
// it, for tests that open the database themselves (the binary's).
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SHENPI_TEST_PG")
	if dsn == "" {
		if os.Getenv("SHENPI_TEST_PG_REQUIRED") == "1" {
			t.Fatal("SHENPI_TEST_PG_REQUIRED=1 but SHENPI_TEST_PG is not set")
		}
		t.Skip("SHENPI_TEST_PG is not set")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", dsn); err == nil {
			a.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
