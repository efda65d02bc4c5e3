package event

import "fmt"

// checkChain reports the first checkpoint that is missing, does not link to
// the one before, or was edited.
func checkChain(chain []Checkpoint) []Problem {
	prev := ""
	for i, c := range chain {
		reason := ""
		switch {
		case c.Seq != int64(i)+1:
			reason = fmt.Sprintf("expected checkpoint %d (one was removed)", i+1)
		case c.PrevHash != prev:
			reason = "does not link to the previous checkpoint"
		case c.computeHash() != c.Hash:
			reason = "content does not match its hash (edited after it was made)"
		}
		if reason != "" {
			return []Problem{{Checkpoint: c.Seq, Reason: reason}}
		}
		prev = c.Hash
	}
	return nil
}

// checkAnchors checks the heads recorded for the newest checkpoint against
// its Merkle root and counts, and that no recorded head names a checkpoint
// the chain does not hold: either means the checkpoints or their heads
// were rewritten or removed.
func checkAnchors(latest Checkpoint, anchors []anchor) []Problem {
	var (
		m      merkle
		events int64
	)
	for _, a := range anchors {
		if a.checkpoint > latest.Seq {
			return []Problem{{Checkpoint: a.checkpoint, Reason: fmt.Sprintf("the head of %s was recorded for it, but the chain ends at checkpoint %d (checkpoints removed)", a.Stream, latest.Seq)}}
		}
		m.add(a.Head)
		events += a.Seq
	}
	if latest.Seq == 0 {
		return nil
	}
	if m.root() != latest.Root || int64(len(anchors)) != latest.Streams || events != latest.Events {
		return []Problem{{Checkpoint: latest.Seq, Reason: "the heads recorded for it (event_anchors) do not match its Merkle root and counts (rewritten)"}}
	}
	return nil
}

// compareChains reports the first checkpoint of a checkpoint file that the
// database no longer holds as the file has it.
func compareChains(file, db []Checkpoint) []Problem {
	for _, f := range file {
		if f.Seq > int64(len(db)) {
			return []Problem{{Checkpoint: f.Seq, Reason: "is in the checkpoint file but not in the database (checkpoints removed)"}}
		}
		d := db[f.Seq-1]
		if d.Seq != f.Seq || !d.At.Equal(f.At) || d.Streams != f.Streams || d.Events != f.Events ||
			d.Root != f.Root || d.PrevHash != f.PrevHash || d.Hash != f.Hash {
			return []Problem{{Checkpoint: f.Seq, Reason: "differs from the checkpoint file's (rewritten)"}}
		}
	}
	return nil
}
