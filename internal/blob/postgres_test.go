package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// failingReader yields n bytes and then fails, as a client that drops
// mid-upload does.
type failingReader struct{ n int }

var errClientGone = errors.New("client gone")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errClientGone
	}
	k := min(len(p), f.n)
	f.n -= k
	return k, nil
}

func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFilesInPostgres: a file stored through one server's store is read,
// whole and streamed, through another's on the same database (two nodes);
// content stored twice is kept once; an upload that fails half way stores
// nothing, and one abandoned by a killed server is swept.
func TestFilesInPostgres(t *testing.T) {
	ctx := context.Background()
	db := storetest.Postgres(t)
	nodeA, err := OpenPostgres(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	nodeB, err := OpenPostgres(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("%PDF-1.7 营业执照 "), (5*chunkSize/2)/20) // two and a half chunks
	sha, err := nodeA.Put(data)
	if err != nil {
		t.Fatal(err)
	}
	if !nodeB.Has(sha) {
		t.Fatal("node B does not see the file node A stored")
	}
	got, err := nodeB.Get(sha)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("node B read %d bytes of %d: %v", len(got), len(data), err)
	}
	r, size, err := nodeB.Open(sha)
	if err != nil || size != int64(len(data)) {
		t.Fatalf("open: %d %v", size, err)
	}
	var streamed bytes.Buffer
	if _, err := io.CopyBuffer(&streamed, r, make([]byte, 4096)); err != nil || !bytes.Equal(streamed.Bytes(), data) {
		t.Fatalf("streamed %d bytes of %d: %v", streamed.Len(), len(data), err)
	}
	r.Close()
	if again, err := nodeB.Put(data); err != nil || again != sha || count(t, db, "blob_chunks") != 3 {
		t.Fatalf("same content again: %s %v, %d chunks", again, err, count(t, db, "blob_chunks"))
	}

	if _, _, err := nodeA.pg.putFrom(ctx, &failingReader{n: chunkSize + 10}); !errors.Is(err, errClientGone) {
		t.Fatalf("a failed upload: %v", err)
	}
	if count(t, db, "blob_chunks") != 3 || count(t, db, "blob_uploads") != 0 {
		t.Fatal("a failed upload left chunks behind")
	}
	for _, bad := range []string{"../../etc/passwd", "", sha[:63], "0" + sha[1:]} {
		if _, err := nodeB.Get(bad); err != ErrNotFound || nodeB.Has(bad) {
			t.Errorf("Get(%q) = %v", bad, err)
		}
	}

	// A server killed mid-upload leaves its chunks; the next start a day
	// later sweeps them.
	old := store.Micros(time.Now().Add(-25 * time.Hour))
	db.Exec(ctx, `INSERT INTO blob_uploads (id, started_at) VALUES ('upload-killed', ?)`, old)
	db.Exec(ctx, `INSERT INTO blob_chunks (owner, n, data) VALUES ('upload-killed', 0, ?)`, []byte("half"))
	if _, err := OpenPostgres(ctx, db); err != nil {
		t.Fatal(err)
	}
	if count(t, db, "blob_chunks") != 3 || count(t, db, "blob_uploads") != 0 {
		t.Fatal("an abandoned upload was not swept")
	}
}
