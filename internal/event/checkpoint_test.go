package event

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

func checkpoint(t *testing.T, db *store.DB, at time.Time) Checkpoint {
	t.Helper()
	c, made, err := MakeCheckpoint(context.Background(), db, at)
	if err != nil || !made {
		t.Fatalf("checkpoint: made %v, %v", made, err)
	}
	return c
}

func TestCheckpointsFormAChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, made, err := MakeCheckpoint(ctx, db, t0); err != nil || made {
			t.Fatalf("an empty log was checkpointed: %v, %v", made, err)
		}
		seed(t, db, 3, "case:A", "case:B", "case:C")
		c1 := checkpoint(t, db, t0.Add(time.Hour))
		heads, err := readHeads(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if c1.Seq != 1 || c1.Streams != 3 || c1.Events != 9 || c1.PrevHash != "" || c1.Root != merkleRoot(heads) || c1.Hash != c1.computeHash() {
			t.Fatalf("first checkpoint %+v", c1)
		}
		if same, made, err := MakeCheckpoint(ctx, db, t0.Add(2*time.Hour)); err != nil || made || same != c1 {
			t.Fatalf("nothing moved, yet: %+v made %v, %v", same, made, err)
		}
		seed(t, db, 1, "case:B", "case:D")
		c2 := checkpoint(t, db, t0.Add(3*time.Hour))
		if c2.Seq != 2 || c2.PrevHash != c1.Hash || c2.Streams != 4 || c2.Events != 11 {
			t.Fatalf("second checkpoint %+v", c2)
		}
		chain, err := Checkpoints(ctx, db)
		if err != nil || len(chain) != 2 || chain[0] != c1 || chain[1] != c2 {
			t.Fatalf("chain %+v, %v", chain, err)
		}
		var moved int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM event_anchors WHERE checkpoint = 2`).Scan(&moved)
		if moved != 2 {
			t.Fatalf("checkpoint 2 should record the two streams that moved, recorded %d", moved)
		}
		r, err := Verify(ctx, db)
		wantClean(t, r, err)
	})
}

// A checkpoint must not bless a log that went back since the one before.
func TestCheckpointRefusesALogThatWentBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db, 3, "case:A", "case:B", "case:C")
		checkpoint(t, db, t0)
		tampers(true)[0].do(t, db)
		if _, _, err := MakeCheckpoint(ctx, db, t0.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), "case:B") {
			t.Fatalf("truncated stream checkpointed: %v", err)
		}
		exec(t, db, `DELETE FROM event_heads WHERE stream = 'case:C'`)
		if _, _, err := MakeCheckpoint(ctx, db, t0.Add(time.Hour)); err == nil {
			t.Fatal("a log with a stream gone was checkpointed")
		}
	})
}

// The checkpoint chain is verified link by link, and its newest checkpoint
// against the heads recorded for it.
func TestVerifyCatchesCheckpointTampering(t *testing.T) {
	cases := []struct {
		name  string
		do    func(t *testing.T, db *store.DB)
		check int64
	}{
		{"removed", func(t *testing.T, db *store.DB) { exec(t, db, `DELETE FROM event_checkpoints WHERE seq = 2`) }, 3},
		{"removed newest", func(t *testing.T, db *store.DB) { exec(t, db, `DELETE FROM event_checkpoints WHERE seq = 3`) }, 3},
		{"edited", func(t *testing.T, db *store.DB) {
			exec(t, db, `UPDATE event_checkpoints SET events = events + 1 WHERE seq = 1`)
		}, 1},
		{"rehashed", func(t *testing.T, db *store.DB) {
			exec(t, db, `UPDATE event_checkpoints SET events = events + 1 WHERE seq = 2`)
			chain, _ := Checkpoints(context.Background(), db)
			exec(t, db, `UPDATE event_checkpoints SET hash = ? WHERE seq = 2`, chain[1].computeHash())
		}, 3},
		{"anchor rewritten", func(t *testing.T, db *store.DB) {
			exec(t, db, `UPDATE event_anchors SET seq = seq - 1 WHERE stream = 'case:A'`)
		}, 3},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				for i := 0; i < 3; i++ {
					seed(t, db, 1, "case:A", "case:B")
					checkpoint(t, db, t0.Add(time.Duration(i)*time.Hour))
				}
				r, err := VerifyWith(ctx, db, Options{Now: t0})
				wantClean(t, r, err)
				tc.do(t, db)
				for _, opts := range []Options{{Full: true}, {}} {
					r, err = VerifyWith(ctx, db, opts)
					if err != nil {
						t.Fatal(err)
					}
					if len(r.Problems) == 0 || r.Problems[0].Stream != "" || r.Problems[0].Checkpoint != tc.check {
						t.Fatalf("%+v: %+v", opts, r.Problems)
					}
				}
			})
		})
	}
}

// exportFile exports the checkpoints and reads them back as a verifier would.
func exportFile(t *testing.T, db *store.DB) *CheckpointFile {
	t.Helper()
	f, err := ExportCheckpoints(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCheckpointFile(&b)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// rechainCheckpoints is the attacker's last step: throw the checkpoints
// away and make them anew over the rewritten log, so that the database
// agrees with itself again.
func rechainCheckpoints(t *testing.T, db *store.DB) {
	t.Helper()
	exec(t, db, `DELETE FROM event_checkpoints`)
	exec(t, db, `DELETE FROM event_anchors`)
	exec(t, db, `DELETE FROM event_verified`)
	checkpoint(t, db, t0.Add(5*time.Hour))
}

// The file is the anchor: whatever the database was made to say about
// itself, the log before the exported checkpoint is held to it.
func TestCheckpointFileCatchesAFullRewrite(t *testing.T) {
	eachTamper(t, true, func(t *testing.T, db *store.DB, tc tamper) {
		ctx := context.Background()
		seed(t, db, 3, "case:A", "case:B", "case:C")
		checkpoint(t, db, t0.Add(time.Hour))
		f := exportFile(t, db)
		seed(t, db, 2, "case:A", "case:E") // the log goes on after the export
		r, err := VerifyWith(ctx, db, Options{File: f})
		wantClean(t, r, err)

		tc.do(t, db)
		rechainCheckpoints(t, db)
		r, err = Verify(ctx, db)
		wantClean(t, r, err) // the database agrees with itself
		r, err = VerifyWith(ctx, db, Options{File: f})
		wantProblem(t, r, err, tc.stream)
		if r.Problems[0].Checkpoint != 1 || !strings.Contains(r.Problems[0].Reason, "differs from the checkpoint file") {
			t.Fatalf("the rewritten chain was not named: %+v", r.Problems)
		}
	})
}

func TestCheckpointFileCatchesRemovedCheckpoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db, 1, "case:A")
		checkpoint(t, db, t0)
		seed(t, db, 1, "case:A")
		checkpoint(t, db, t0.Add(time.Hour))
		f := exportFile(t, db)
		exec(t, db, `DELETE FROM event_checkpoints WHERE seq = 2`)
		exec(t, db, `UPDATE event_anchors SET checkpoint = 1`)
		r, err := VerifyWith(ctx, db, Options{File: f})
		if err != nil || len(r.Problems) == 0 || !strings.Contains(r.Problems[len(r.Problems)-1].String(), "checkpoint 2: is in the checkpoint file but not in the database") {
			t.Fatalf("%+v, %v", r.Problems, err)
		}
	})
}

// A routine verification reads the streams that moved since the verified
// checkpoint, from the event it pinned, and records the newest checkpoint.
func TestRoutineVerifyReadsWhatMoved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db, 3, "case:A", "case:B", "case:C")
		r, err := VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 0 || r.Events != 9 {
			t.Fatalf("with no checkpoint the whole log is read: %+v", r)
		}
		checkpoint(t, db, t0)
		r, err = VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 0 || r.Events != 9 || r.Checkpoint != 1 {
			t.Fatalf("with no verified checkpoint the whole log is read: %+v", r)
		}
		r, err = VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 1 || r.Events != 0 {
			t.Fatalf("nothing moved: %+v", r)
		}
		seed(t, db, 2, "case:A")
		seed(t, db, 1, "case:D")
		r, err = VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 1 || r.Streams != 2 || r.Events != 3+1 {
			t.Fatalf("case:A from its pinned event 3, case:D whole: %+v", r)
		}
		checkpoint(t, db, t0.Add(time.Hour))
		r, err = VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 1 || r.Streams != 2 || r.Events != 3+1 || r.Checkpoint != 2 {
			t.Fatalf("checkpoint 2 moved case:A, which is read from the event checkpoint 1 pinned: %+v", r)
		}
		seed(t, db, 1, "case:A")
		checkpoint(t, db, t0.Add(2*time.Hour))
		if _, made, err := MakeCheckpoint(ctx, db, t0.Add(3*time.Hour)); made || err != nil {
			t.Fatalf("nothing moved, yet: %v, %v", made, err)
		}
		seed(t, db, 1, "case:A")
		checkpoint(t, db, t0.Add(4*time.Hour))
		r, err = VerifyWith(ctx, db, Options{})
		wantClean(t, r, err)
		if r.Since != 2 || r.Streams != 1 || r.Events != 3 || r.Checkpoint != 4 {
			t.Fatalf("case:A from event 5, which the verified checkpoint 2 pinned, two checkpoints ago: %+v", r)
		}
		seed(t, db, 1, "case:A")
		rewrite(t, db, "case:A", 7, true) // the event checkpoint 4 pinned, and the head moved to match
		r, err = VerifyWith(ctx, db, Options{})
		wantProblem(t, r, err, "case:A")
		if r.Problems[0].Seq != 7 || !strings.Contains(r.Problems[0].Reason, "checkpoint 4") {
			t.Fatalf("the head no longer matches: %+v", r.Problems)
		}
		exec(t, db, `DELETE FROM events WHERE stream = 'case:C' AND seq = 1`)
		if r, err = VerifyWith(ctx, db, Options{}); err != nil || len(r.Problems) != 1 {
			t.Fatalf("a routine check does not read unmoved streams: %+v, %v", r.Problems, err)
		}
		r, err = VerifyWith(ctx, db, Options{Full: true})
		wantProblem(t, r, err, "case:C")
	})
}

// A routine verification catches what changed in a stream after its
// verified checkpoint, and a stream gone, without reading unmoved streams.
func TestRoutineVerifyCatchesGoneStreams(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db, 2, "case:A", "case:B")
		checkpoint(t, db, t0)
		r, err := VerifyWith(ctx, db, Options{Full: true})
		wantClean(t, r, err)
		exec(t, db, `DELETE FROM events WHERE stream = 'case:B'`)
		exec(t, db, `DELETE FROM event_heads WHERE stream = 'case:B'`)
		r, err = VerifyWith(ctx, db, Options{})
		wantProblem(t, r, err, "case:B")
		if !strings.Contains(r.Problems[0].Reason, "gone") {
			t.Fatalf("%+v", r.Problems)
		}
	})
}

// The tree has RFC 6962's shape: for n leaves, the left subtree holds the
// largest power of two below n.
func TestMerkleRootShape(t *testing.T) {
	leaves := make([]Head, 5)
	sums := make([][sha256.Size]byte, 5)
	var m merkle
	for i := range leaves {
		leaves[i] = Head{Stream: string(rune('a' + i)), Seq: int64(i + 1), Hash: strings.Repeat("0", 64)}
		sums[i] = m.leafHash(leaves[i])
	}
	hexOf := func(s [sha256.Size]byte) string { return hex.EncodeToString(s[:]) }
	empty := sha256.Sum256(nil)
	want := []string{
		hexOf(empty),
		hexOf(sums[0]),
		hexOf(nodeHash(sums[0], sums[1])),
		hexOf(nodeHash(nodeHash(sums[0], sums[1]), sums[2])),
		hexOf(nodeHash(nodeHash(sums[0], sums[1]), nodeHash(sums[2], sums[3]))),
		hexOf(nodeHash(nodeHash(nodeHash(sums[0], sums[1]), nodeHash(sums[2], sums[3])), sums[4])),
	}
	for n := range want {
		if got := merkleRoot(leaves[:n]); got != want[n] {
			t.Errorf("%d leaves: %s, want %s", n, got, want[n])
		}
	}
	// Domain separation: a leaf never hashes like the node over two leaves.
	var node [1 + 2*sha256.Size]byte
	node[0] = leafPrefix
	if sha256.Sum256(node[:]) == nodeHash([sha256.Size]byte{}, [sha256.Size]byte{}) {
		t.Fatal("leaf and node prefixes collide")
	}
}
