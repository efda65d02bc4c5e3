package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// Problem is the first broken link found in one stream.
type Problem struct {
	Stream string
	Seq    int64
	Reason string
}

func (p Problem) String() string {
	return fmt.Sprintf("stream %s, event %d: %s", p.Stream, p.Seq, p.Reason)
}

// Report sums up a verification.
type Report struct {
	Streams  int
	Events   int
	Problems []Problem
}

// Verify walks every stream in order and reports, for each broken stream,
// the first event whose sequence, link or hash is wrong.
func Verify(ctx context.Context, q store.Querier) (Report, error) {
	rows, err := q.Query(ctx, `SELECT `+columns+` FROM events ORDER BY stream, seq`)
	if err != nil {
		return Report{}, fmt.Errorf("event: unable to read the log: %w", err)
	}
	defer rows.Close()
	var (
		r        Report
		stream   string
		prevHash string
		nextSeq  int64
		broken   bool
	)
	err = scanEvents(rows, func(e Event) error {
		r.Events++
		if e.Stream != stream || r.Events == 1 {
			r.Streams++
			stream, prevHash, nextSeq, broken = e.Stream, "", 1, false
		}
		if broken {
			return nil
		}
		reason := ""
		switch {
		case e.Seq != nextSeq:
			reason = fmt.Sprintf("expected sequence %d (an event is missing)", nextSeq)
		case e.PrevHash != prevHash:
			reason = "does not link to the previous event"
		case computeHash(e) != e.Hash:
			reason = "content does not match its hash (edited after it was written)"
		}
		if reason != "" {
			r.Problems = append(r.Problems, Problem{Stream: e.Stream, Seq: e.Seq, Reason: reason})
			broken = true
		}
		prevHash, nextSeq = e.Hash, e.Seq+1
		return nil
	})
	return r, err
}
