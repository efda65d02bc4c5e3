package event

import (
	"context"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Problem is the first thing found wrong in one stream, or in the checkpoint
// chain (Stream empty, Checkpoint set).
type Problem struct {
	Stream     string
	Seq        int64
	Checkpoint int64
	Reason     string
}

func (p Problem) String() string {
	if p.Stream == "" {
		return fmt.Sprintf("checkpoint %d: %s", p.Checkpoint, p.Reason)
	}
	return fmt.Sprintf("stream %s, event %d: %s", p.Stream, p.Seq, p.Reason)
}

// Report sums up a verification.
type Report struct {
	Streams int // streams read
	Events  int // events read
	// Checkpoint is the newest checkpoint, 0 when there is none.
	Checkpoint int64
	// Since is the verified checkpoint a routine verification started from;
	// 0 when it read the whole log.
	Since    int64
	Problems []Problem
}

// Options say what a verification covers.
type Options struct {
	// Full reads every event, not only what moved since the last verified
	// checkpoint.
	Full bool
	// File is an exported checkpoint file to hold the log to; it implies
	// Full, since nothing the database says about itself is trusted then.
	File *CheckpointFile
	// Now is recorded with the verified checkpoint.
	Now time.Time
}

// Verify reads the whole log and reports, for each broken stream, the first
// thing wrong with it, and what is wrong with the checkpoint chain. It
// records nothing.
func Verify(ctx context.Context, db *store.DB) (Report, error) {
	return verify(ctx, db, Options{Full: true})
}

// VerifyWith verifies as opts say and, when it finds nothing wrong, records
// the newest checkpoint as verified, so that the next routine verification
// starts from it.
func VerifyWith(ctx context.Context, db *store.DB, opts Options) (Report, error) {
	r, err := verify(ctx, db, opts)
	if err != nil || len(r.Problems) > 0 || r.Checkpoint == 0 {
		return r, err
	}
	if _, err := db.Exec(ctx, `INSERT INTO event_verified (id, checkpoint, at) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET checkpoint = excluded.checkpoint, at = excluded.at`, r.Checkpoint, store.Micros(opts.Now)); err != nil {
		return r, fmt.Errorf("event: unable to record the verified checkpoint: %w", err)
	}
	return r, nil
}

// verify reads everything from one snapshot, so that appends committed
// meanwhile never look like a mismatch between a stream and its head.
func verify(ctx context.Context, db *store.DB, opts Options) (Report, error) {
	var r Report
	err := db.Snapshot(ctx, func(tx *store.Tx) error {
		chain, err := readCheckpoints(ctx, tx)
		if err != nil {
			return err
		}
		latest := newest(chain)
		r.Checkpoint = latest.Seq
		r.Problems = append(r.Problems, checkChain(chain)...)
		anchors, err := readAnchors(ctx, tx)
		if err != nil {
			return err
		}
		r.Problems = append(r.Problems, checkAnchors(latest, anchors)...)
		heads, err := readHeads(ctx, tx)
		if err != nil {
			return err
		}
		s := &scan{tx: tx, r: &r, heads: heads, sources: []*pinSource{{anchors: anchors, by: fmt.Sprintf("checkpoint %d", latest.Seq)}}}
		if f := opts.File; f != nil {
			r.Problems = append(r.Problems, compareChains(f.Chain, chain)...)
			s.sources = append(s.sources, filePins(f))
		}
		since, err := readVerified(ctx, tx)
		if err != nil {
			return err
		}
		if since > latest.Seq {
			r.Problems = append(r.Problems, Problem{Checkpoint: since, Reason: fmt.Sprintf("was verified, but the chain ends at checkpoint %d (checkpoints removed)", latest.Seq)})
		}
		if opts.Full || opts.File != nil || since == 0 || since > latest.Seq {
			return s.full(ctx)
		}
		r.Since = since
		return s.routine(ctx, since)
	})
	return r, err
}

// readVerified returns the last verified checkpoint, 0 if none.
func readVerified(ctx context.Context, q store.Querier) (int64, error) {
	var seq int64
	if err := q.QueryRow(ctx, `SELECT COALESCE(MAX(checkpoint), 0) FROM event_verified`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("event: unable to read the verified checkpoint: %w", err)
	}
	return seq, nil
}

// filePins are a checkpoint file's heads as pins.
func filePins(f *CheckpointFile) *pinSource {
	latest := f.Latest()
	anchors := make([]anchor, len(f.Heads))
	for i, h := range f.Heads {
		anchors[i] = anchor{Head: h, checkpoint: latest.Seq}
	}
	return &pinSource{anchors: anchors, by: fmt.Sprintf("the checkpoint file's checkpoint %d", latest.Seq)}
}
