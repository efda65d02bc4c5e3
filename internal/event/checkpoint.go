package event

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Checkpoint pins the whole log at one instant: a Merkle root over every
// stream's head (see merkle), the count of streams and events, and the hash
// of the checkpoint before, so checkpoints form a chain of their own. Once a
// checkpoint is kept outside the database (ExportCheckpoints), no rewrite of
// the log before it goes unnoticed, however thoroughly it was recomputed.
type Checkpoint struct {
	Seq      int64
	At       time.Time
	Streams  int64
	Events   int64
	Root     string
	PrevHash string
	Hash     string
	// Signature is the place for a detached signature over Hash, which the
	// signatures issue will fill; Hash does not cover it, so signing an
	// existing checkpoint, or signing it again with a new key, leaves the
	// chain as it is. Empty until then.
	Signature string
}

// computeHash is the hex SHA-256 of the checkpoint's canonical encoding:
// each field length-prefixed as in an event's, under its own tag, so that
// no checkpoint encodes like an event, a Merkle leaf or a node.
func (c Checkpoint) computeHash() string {
	var b bytes.Buffer
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		b.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		b.WriteString(s)
	}
	field("shenpi-checkpoint-v1")
	field(strconv.FormatInt(c.Seq, 10))
	field(strconv.FormatInt(c.At.UnixMicro(), 10))
	field(strconv.FormatInt(c.Streams, 10))
	field(strconv.FormatInt(c.Events, 10))
	field(c.Root)
	field(c.PrevHash)
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

// ErrCheckpointRace says another checkpoint was made while this one was
// being computed; the caller may simply try again.
var ErrCheckpointRace = errors.New("event: another checkpoint was made meanwhile")

// anchor is a stream's head as of the newest checkpoint, and the checkpoint
// that last moved it. base is its head as of baseCheckpoint, a checkpoint
// no later than the last verified one when a later checkpoint moved it
// (zero when there is none): where a routine verification resumes.
type anchor struct {
	Head
	checkpoint     int64
	base           Head
	baseCheckpoint int64
}

// MakeCheckpoint records a checkpoint over the heads of every stream as they
// stand now, linked to the newest one, and returns it. When nothing moved
// since the newest checkpoint it returns that one and made false; on an
// empty log it makes none. It refuses to pin a log where a stream went back
// (a head behind, or gone from, the newest checkpoint), since the new root
// would bless the truncation: verify finds what happened.
//
// The heads are read from a snapshot outside the write, so appends are not
// held up while the root is computed; the write then checks that no other
// checkpoint came first (ErrCheckpointRace), so the chain never forks.
func MakeCheckpoint(ctx context.Context, db *store.DB, now time.Time) (c Checkpoint, made bool, err error) {
	var (
		latest Checkpoint
		moved  []Head
	)
	err = db.Snapshot(ctx, func(tx *store.Tx) error {
		chain, err := readCheckpoints(ctx, tx)
		if err != nil {
			return err
		}
		latest = newest(chain)
		heads, err := readHeads(ctx, tx)
		if err != nil {
			return err
		}
		anchors, err := readAnchors(ctx, tx)
		if err != nil {
			return err
		}
		c, moved, err = nextCheckpoint(latest, heads, anchors)
		return err
	})
	if err != nil {
		return Checkpoint{}, false, err
	}
	if c.Streams == 0 || (latest.Seq > 0 && len(moved) == 0) {
		return latest, false, nil
	}
	c.At = now.UTC().Truncate(time.Microsecond)
	c.Hash = c.computeHash()
	if err := db.Tx(ctx, func(tx *store.Tx) error { return storeCheckpoint(ctx, tx, c, moved) }); err != nil {
		return Checkpoint{}, false, err
	}
	return c, true, nil
}

// nextCheckpoint computes, from the heads and the anchors of the newest
// checkpoint (both in stream order), the checkpoint after latest (without
// its instant and hash) and the heads that moved since.
func nextCheckpoint(latest Checkpoint, heads []Head, anchors []anchor) (Checkpoint, []Head, error) {
	c := Checkpoint{Seq: latest.Seq + 1, PrevHash: latest.Hash}
	var (
		m     merkle
		moved []Head
		ai    int
	)
	for _, h := range heads {
		if ai < len(anchors) && anchors[ai].Stream < h.Stream {
			return c, nil, fmt.Errorf("event: unable to checkpoint: stream %s is gone since checkpoint %d; run shenpi verify", anchors[ai].Stream, latest.Seq)
		}
		if ai < len(anchors) && anchors[ai].Stream == h.Stream {
			a := anchors[ai]
			ai++
			if a.Seq == h.Seq && a.Hash == h.Hash {
				m.add(h)
				c.Streams, c.Events = c.Streams+1, c.Events+h.Seq
				continue
			}
			if h.Seq <= a.Seq {
				return c, nil, fmt.Errorf("event: unable to checkpoint: stream %s is at event %d, behind checkpoint %d's event %d or rewritten; run shenpi verify",
					h.Stream, h.Seq, latest.Seq, a.Seq)
			}
		}
		m.add(h)
		c.Streams, c.Events = c.Streams+1, c.Events+h.Seq
		moved = append(moved, h)
	}
	if ai < len(anchors) {
		return c, nil, fmt.Errorf("event: unable to checkpoint: stream %s is gone since checkpoint %d; run shenpi verify", anchors[ai].Stream, latest.Seq)
	}
	c.Root = m.root()
	return c, moved, nil
}

// storeCheckpoint writes c and moves the anchors of the streams that moved,
// unless another checkpoint came first.
func storeCheckpoint(ctx context.Context, tx *store.Tx, c Checkpoint, moved []Head) error {
	var top int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM event_checkpoints`).Scan(&top); err != nil {
		return fmt.Errorf("event: unable to read the checkpoints: %w", err)
	}
	if top != c.Seq-1 {
		return ErrCheckpointRace
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_checkpoints (seq, at, streams, events, root, prev_hash, hash, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Seq, store.Micros(c.At), c.Streams, c.Events, c.Root, c.PrevHash, c.Hash, c.Signature); err != nil {
		return fmt.Errorf("event: unable to record checkpoint %d: %w", c.Seq, err)
	}
	verified, err := readVerified(ctx, tx)
	if err != nil {
		return err
	}
	const chunk = 256 // rows per statement, well under either engine's parameter limit
	for len(moved) > 0 {
		n := min(chunk, len(moved))
		if err := upsertAnchors(ctx, tx, c.Seq, verified, moved[:n]); err != nil {
			return err
		}
		moved = moved[n:]
	}
	return nil
}

// upsertAnchors moves the anchors of heads to checkpoint. An anchor last
// moved by a checkpoint no later than verified becomes the base; a later
// one leaves the base as it was (SET reads the row as it was before).
func upsertAnchors(ctx context.Context, tx *store.Tx, checkpoint, verified int64, heads []Head) error {
	var values bytes.Buffer
	args := make([]any, 0, 4*len(heads))
	for i, h := range heads {
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?, ?, ?, ?)")
		args = append(args, h.Stream, h.Seq, h.Hash, checkpoint)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO event_anchors (stream, seq, hash, checkpoint) VALUES `+values.String()+`
		ON CONFLICT (stream) DO UPDATE SET
			base_seq = CASE WHEN event_anchors.checkpoint <= ? THEN event_anchors.seq ELSE event_anchors.base_seq END,
			base_hash = CASE WHEN event_anchors.checkpoint <= ? THEN event_anchors.hash ELSE event_anchors.base_hash END,
			base_checkpoint = CASE WHEN event_anchors.checkpoint <= ? THEN event_anchors.checkpoint ELSE event_anchors.base_checkpoint END,
			seq = excluded.seq, hash = excluded.hash, checkpoint = excluded.checkpoint`, append(args, verified, verified, verified)...); err != nil {
		return fmt.Errorf("event: unable to record the heads of checkpoint %d: %w", checkpoint, err)
	}
	return nil
}

// Checkpoints returns the whole chain, oldest first.
func Checkpoints(ctx context.Context, q store.Querier) ([]Checkpoint, error) {
	return readCheckpoints(ctx, q)
}

func readCheckpoints(ctx context.Context, q store.Querier) ([]Checkpoint, error) {
	rows, err := q.Query(ctx, `SELECT seq, at, streams, events, root, prev_hash, hash, signature FROM event_checkpoints ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("event: unable to read the checkpoints: %w", err)
	}
	defer rows.Close()
	var out []Checkpoint
	for rows.Next() {
		var (
			c  Checkpoint
			at int64
		)
		if err := rows.Scan(&c.Seq, &at, &c.Streams, &c.Events, &c.Root, &c.PrevHash, &c.Hash, &c.Signature); err != nil {
			return nil, fmt.Errorf("event: unable to read the checkpoints: %w", err)
		}
		c.At = store.FromMicros(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event: unable to read the checkpoints: %w", err)
	}
	return out, nil
}

// newest is the last checkpoint of a chain, or the zero checkpoint.
func newest(chain []Checkpoint) Checkpoint {
	if len(chain) == 0 {
		return Checkpoint{}
	}
	return chain[len(chain)-1]
}
