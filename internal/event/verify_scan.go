package event

import (
	"context"
	"fmt"

	"github.com/shenpi/shenpi/internal/store"
)

// pinSource is a list of pins in byte order of stream, read in step with
// the log.
type pinSource struct {
	anchors []anchor
	i       int
	by      string
}

// scan walks the log in byte order of stream alongside event_heads and the
// pin sources, so that a stream missing from any of them is seen as well as
// one that disagrees.
type scan struct {
	tx      *store.Tx
	r       *Report
	heads   []Head
	hi      int
	sources []*pinSource
}

// nextName is the smallest stream name not yet taken from the heads or any
// pin source.
func (s *scan) nextName() (string, bool) {
	name, ok := "", false
	consider := func(n string) {
		if !ok || n < name {
			name, ok = n, true
		}
	}
	if s.hi < len(s.heads) {
		consider(s.heads[s.hi].Stream)
	}
	for _, src := range s.sources {
		if src.i < len(src.anchors) {
			consider(src.anchors[src.i].Stream)
		}
	}
	return name, ok
}

// open starts the check of a stream, taking its head and pins.
func (s *scan) open(stream string) *streamCheck {
	c := newStreamCheck(stream)
	if s.hi < len(s.heads) && s.heads[s.hi].Stream == stream {
		c.head = &s.heads[s.hi]
		s.hi++
	}
	for _, src := range s.sources {
		if src.i < len(src.anchors) && src.anchors[src.i].Stream == stream {
			c.pins = append(c.pins, pin{anchor: src.anchors[src.i], by: src.by})
			src.i++
		}
	}
	return c
}

func (s *scan) close(c *streamCheck) {
	c.finish()
	if c.problem != nil {
		s.r.Problems = append(s.r.Problems, *c.problem)
	}
}

// closeEmptyBefore checks the streams that have a head or a pin but no
// events and sort before limit (all of them when last is set).
func (s *scan) closeEmptyBefore(limit string, last bool) {
	for name, ok := s.nextName(); ok && (last || name < limit); name, ok = s.nextName() {
		s.close(s.open(name))
	}
}

// full reads every event of the log, linear in its size.
func (s *scan) full(ctx context.Context) error {
	rows, err := s.tx.Query(ctx, `SELECT `+columns+` FROM events`+inByteOrder(s.tx, ", seq"))
	if err != nil {
		return fmt.Errorf("event: unable to read the log: %w", err)
	}
	defer rows.Close()
	var cur *streamCheck
	err = scanEvents(rows, func(e Event) error {
		if cur == nil || e.Stream != cur.stream {
			if cur != nil {
				if e.Stream < cur.stream {
					return errOrder("the log", e.Stream)
				}
				s.close(cur)
			}
			s.closeEmptyBefore(e.Stream, false)
			cur = s.open(e.Stream)
			s.r.Streams++
		}
		s.r.Events++
		cur.add(e)
		return nil
	})
	if err != nil {
		return err
	}
	if cur != nil {
		s.close(cur)
	}
	s.closeEmptyBefore("", true)
	return nil
}

// routine reads only the streams whose head moved since the verified
// checkpoint since, each from the event that checkpoint (or an earlier
// one, the anchor's base) pinned; a stream new since is read whole. The
// heads are still matched against the pins, so a stream gone or gone back
// since is found without reading the log.
func (s *scan) routine(ctx context.Context, since int64) error {
	for name, ok := s.nextName(); ok; name, ok = s.nextName() {
		c := s.open(name)
		if len(c.pins) == 1 && c.head != nil {
			p := c.pins[0]
			switch {
			case p.checkpoint <= since && c.head.Seq == p.Seq && c.head.Hash == p.Hash:
				continue // unmoved since it was verified
			case p.checkpoint <= since && c.head.Seq > p.Seq:
				c.startAt(p.Seq)
			case p.checkpoint > since && p.baseCheckpoint > 0 && p.baseCheckpoint <= since && c.head.Seq > p.base.Seq:
				c.pins = append(c.pins, pin{anchor: anchor{Head: p.base, checkpoint: p.baseCheckpoint}, by: fmt.Sprintf("checkpoint %d", p.baseCheckpoint)})
				c.startAt(p.base.Seq)
			}
		}
		if err := s.read(ctx, c); err != nil {
			return err
		}
		s.close(c)
	}
	return nil
}

// read feeds a stream's events from the check's first sequence on.
func (s *scan) read(ctx context.Context, c *streamCheck) error {
	rows, err := s.tx.Query(ctx, `SELECT `+columns+` FROM events WHERE stream = ? AND seq >= ? ORDER BY seq`, c.stream, c.from)
	if err != nil {
		return fmt.Errorf("event: unable to read %s: %w", c.stream, err)
	}
	defer rows.Close()
	if err := scanEvents(rows, func(e Event) error { c.add(e); s.r.Events++; return nil }); err != nil {
		return err
	}
	if c.events > 0 {
		s.r.Streams++
	}
	return nil
}
