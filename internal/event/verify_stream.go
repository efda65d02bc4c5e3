package event

import "fmt"

// pin is an event a stream must still hold: its head as of a checkpoint,
// from the database's anchors or from a checkpoint file.
type pin struct {
	anchor
	by string // "checkpoint 12", "the checkpoint file's checkpoint 9"
}

// streamCheck follows one stream's events in order and keeps the first thing
// wrong with it: a gap, a broken link, an edited event, an event that is not
// the one a checkpoint pinned, a pinned event that is gone, or a head in
// event_heads that is not the stream's last event.
type streamCheck struct {
	stream  string
	head    *Head
	pins    []pin
	from    int64 // the first sequence read: 1, or a routine check's anchor
	next    int64
	prev    string
	events  int
	problem *Problem
}

func newStreamCheck(stream string) *streamCheck {
	return &streamCheck{stream: stream, from: 1, next: 1}
}

// startAt makes the check begin at event seq, which a verified checkpoint
// pinned: what comes before it was verified then.
func (c *streamCheck) startAt(seq int64) { c.from, c.next = seq, seq }

func (c *streamCheck) fail(seq int64, format string, args ...any) {
	if c.problem == nil {
		c.problem = &Problem{Stream: c.stream, Seq: seq, Reason: fmt.Sprintf(format, args...)}
	}
}

// add takes the stream's next event.
func (c *streamCheck) add(e Event) {
	c.events++
	if c.problem != nil {
		return
	}
	// The first event of a routine check links to an event not read: the
	// pin on its own hash stands for the link.
	linked := c.next > c.from || c.from == 1
	switch {
	case e.Seq != c.next:
		c.fail(e.Seq, "expected sequence %d (an event is missing)", c.next)
	case linked && e.PrevHash != c.prev:
		c.fail(e.Seq, "does not link to the previous event")
	case computeHash(e) != e.Hash:
		c.fail(e.Seq, "content does not match its hash (edited after it was written)")
	}
	for _, p := range c.pins {
		if p.Seq == e.Seq && p.Hash != e.Hash {
			c.fail(e.Seq, "is not the event %s holds (rewritten, and the chain recomputed)", p.by)
		}
	}
	c.prev, c.next = e.Hash, e.Seq+1
}

// finish checks what can only be seen at the end of the stream: pinned
// events that are gone, and the head.
func (c *streamCheck) finish() {
	last := c.next - 1
	for _, p := range c.pins {
		switch {
		case c.events == 0 && c.from == 1:
			c.fail(p.Seq, "the stream is gone, %s holds its %d events (deleted)", p.by, p.Seq)
		case p.Seq > last:
			c.fail(last+1, "is gone, %s holds the stream up to event %d (truncated)", p.by, p.Seq)
		}
	}
	switch h := c.head; {
	case h == nil && c.events > 0:
		c.fail(last, "the stream has no head in event_heads (deleted)")
	case h != nil && c.events == 0:
		c.fail(h.Seq, "event_heads holds this stream up to event %d but it has no events (deleted)", h.Seq)
	case h != nil && (h.Seq != last || h.Hash != c.prev):
		c.fail(h.Seq, "event_heads holds the stream up to this event, the stream ends at event %d (truncated, or the head rewritten)", last)
	}
}
