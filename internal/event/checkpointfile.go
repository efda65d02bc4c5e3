package event

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// CheckpointFile is what `shenpi checkpoint export` writes, to be kept
// outside the database and sent to the level above: the whole checkpoint
// chain, oldest first, and every stream's head as of the newest checkpoint.
// The heads let a verifier name the stream that was truncated, deleted or
// rewritten, not only see that the root changed. The format is described in
// docs/events.md.
type CheckpointFile struct {
	Chain []Checkpoint
	Heads []Head
}

// Latest is the checkpoint the file pins the log at.
func (f *CheckpointFile) Latest() Checkpoint { return newest(f.Chain) }

// checkpointFormat names the file format on its first line.
const checkpointFormat = "shenpi-checkpoints"

// maxCheckpointLine bounds one line of the file: a head line holds a stream
// name, which the log does not bound, so allow long ones but not unbounded.
const maxCheckpointLine = 1 << 20

// fileLine is one line of the file: exactly one of its parts is set.
type fileLine struct {
	Format     string          `json:"format,omitempty"`
	Version    int             `json:"version,omitempty"`
	Checkpoint *fileCheckpoint `json:"checkpoint,omitempty"`
	Head       *fileHead       `json:"head,omitempty"`
}

type fileCheckpoint struct {
	Seq       int64  `json:"seq"`
	At        string `json:"at"`
	Streams   int64  `json:"streams"`
	Events    int64  `json:"events"`
	Root      string `json:"root"`
	PrevHash  string `json:"prev_hash"`
	Hash      string `json:"hash"`
	Signature string `json:"signature"`
}

type fileHead struct {
	Stream string `json:"stream"`
	Seq    int64  `json:"seq"`
	Hash   string `json:"hash"`
}

// ExportCheckpoints reads the checkpoint chain and the heads of the newest
// checkpoint from one snapshot, and checks they agree before they leave the
// database: a file that does not hold together would pin nothing.
func ExportCheckpoints(ctx context.Context, db *store.DB) (*CheckpointFile, error) {
	f := &CheckpointFile{}
	err := db.Snapshot(ctx, func(tx *store.Tx) error {
		var err error
		if f.Chain, err = readCheckpoints(ctx, tx); err != nil {
			return err
		}
		anchors, err := readAnchors(ctx, tx)
		if err != nil {
			return err
		}
		f.Heads = make([]Head, len(anchors))
		for i, a := range anchors {
			f.Heads[i] = a.Head
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(f.Chain) == 0 {
		return nil, errors.New("event: there is no checkpoint to export yet; make one with shenpi checkpoint")
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("event: unable to export the checkpoints, the database's do not hold together (run shenpi verify): %w", err)
	}
	return f, nil
}

// WriteTo writes the file: a format line, one line per checkpoint, one line
// per head, each a JSON object.
func (f *CheckpointFile) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	line := func(l fileLine) error {
		buf.Reset()
		if err := enc.Encode(l); err != nil {
			return err
		}
		m, err := bw.Write(buf.Bytes())
		n += int64(m)
		return err
	}
	if err := line(fileLine{Format: checkpointFormat, Version: 1}); err != nil {
		return n, fmt.Errorf("event: unable to write the checkpoint file: %w", err)
	}
	for _, c := range f.Chain {
		fc := fileCheckpoint{Seq: c.Seq, At: c.At.UTC().Format(time.RFC3339Nano), Streams: c.Streams, Events: c.Events,
			Root: c.Root, PrevHash: c.PrevHash, Hash: c.Hash, Signature: c.Signature}
		if err := line(fileLine{Checkpoint: &fc}); err != nil {
			return n, fmt.Errorf("event: unable to write the checkpoint file: %w", err)
		}
	}
	for _, h := range f.Heads {
		if err := line(fileLine{Head: &fileHead{Stream: h.Stream, Seq: h.Seq, Hash: h.Hash}}); err != nil {
			return n, fmt.Errorf("event: unable to write the checkpoint file: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("event: unable to write the checkpoint file: %w", err)
	}
	return n, nil
}

// ReadCheckpointFile reads and checks a checkpoint file. The file comes from
// outside, so nothing in it is trusted until it holds together: the chain
// links from checkpoint 1 and every hash recomputes, the heads are in byte
// order of stream, and their Merkle root and counts are the newest
// checkpoint's.
func ReadCheckpointFile(r io.Reader) (*CheckpointFile, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxCheckpointLine)
	f := &CheckpointFile{}
	for n := 1; sc.Scan(); n++ {
		l, err := decodeLine(sc.Bytes())
		if err != nil {
			return nil, fmt.Errorf("event: checkpoint file line %d: %w", n, err)
		}
		if err := f.take(n, l); err != nil {
			return nil, fmt.Errorf("event: checkpoint file line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("event: unable to read the checkpoint file: %w", err)
	}
	if len(f.Chain) == 0 {
		return nil, errors.New("event: the checkpoint file holds no checkpoint")
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("event: the checkpoint file does not hold together: %w", err)
	}
	return f, nil
}

// decodeLine decodes one line strictly: known fields only, nothing after.
func decodeLine(b []byte) (fileLine, error) {
	var l fileLine
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return l, err
	}
	if dec.More() {
		return l, errors.New("more than one value")
	}
	return l, nil
}

// take adds line n to the file, in the order the format requires: the
// format line, then checkpoints, then heads.
func (f *CheckpointFile) take(n int, l fileLine) error {
	parts := 0
	for _, set := range []bool{l.Format != "" || l.Version != 0, l.Checkpoint != nil, l.Head != nil} {
		if set {
			parts++
		}
	}
	switch {
	case parts != 1:
		return errors.New("a line holds exactly one of format, checkpoint or head")
	case n == 1:
		if l.Format != checkpointFormat || l.Version != 1 {
			return fmt.Errorf("not a %s version 1 file", checkpointFormat)
		}
	case l.Format != "" || l.Version != 0:
		return errors.New("the format line comes first, once")
	case l.Checkpoint != nil:
		if len(f.Heads) > 0 {
			return errors.New("a checkpoint after the heads")
		}
		c, err := l.Checkpoint.parse()
		if err != nil {
			return err
		}
		f.Chain = append(f.Chain, c)
	default:
		if len(f.Chain) == 0 {
			return errors.New("a head before any checkpoint")
		}
		f.Heads = append(f.Heads, Head{Stream: l.Head.Stream, Seq: l.Head.Seq, Hash: l.Head.Hash})
	}
	return nil
}

func (fc *fileCheckpoint) parse() (Checkpoint, error) {
	at, err := time.Parse(time.RFC3339Nano, fc.At)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint %d: %w", fc.Seq, err)
	}
	return Checkpoint{Seq: fc.Seq, At: at.UTC(), Streams: fc.Streams, Events: fc.Events, Root: fc.Root,
		PrevHash: fc.PrevHash, Hash: fc.Hash, Signature: fc.Signature}, nil
}

// check says whether the chain links and the heads are the newest
// checkpoint's leaves.
func (f *CheckpointFile) check() error {
	if ps := checkChain(f.Chain); len(ps) > 0 {
		return errors.New(ps[0].String())
	}
	latest := f.Latest()
	var events int64
	for i, h := range f.Heads {
		if i > 0 && f.Heads[i-1].Stream >= h.Stream {
			return fmt.Errorf("head %q is out of byte order of stream", h.Stream)
		}
		if h.Seq < 1 || h.Seq > math.MaxInt64-events {
			return fmt.Errorf("head %q has sequence %d", h.Stream, h.Seq)
		}
		events += h.Seq
	}
	if int64(len(f.Heads)) != latest.Streams || events != latest.Events {
		return fmt.Errorf("checkpoint %d counts %d streams and %d events, the heads %d and %d", latest.Seq, latest.Streams, latest.Events, len(f.Heads), events)
	}
	if root := merkleRoot(f.Heads); root != latest.Root {
		return fmt.Errorf("the heads' Merkle root is not checkpoint %d's", latest.Seq)
	}
	return nil
}
