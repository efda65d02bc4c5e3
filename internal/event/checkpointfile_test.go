package event

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sampleFile builds a file of two checkpoints over heads, as an export
// would write it, without a database.
func sampleFile(heads ...Head) *CheckpointFile {
	first := Checkpoint{Seq: 1, At: t0, Streams: 1, Events: 1, Root: merkleRoot([]Head{{Stream: "case:A", Seq: 1, Hash: "aa"}})}
	first.Hash = first.computeHash()
	second := Checkpoint{Seq: 2, At: t0.Add(time.Hour), Streams: int64(len(heads)), Root: merkleRoot(heads), PrevHash: first.Hash}
	for _, h := range heads {
		second.Events += h.Seq
	}
	second.Hash = second.computeHash()
	return &CheckpointFile{Chain: []Checkpoint{first, second}, Heads: heads}
}

func sampleText(t testing.TB) string {
	t.Helper()
	var b bytes.Buffer
	f := sampleFile(Head{Stream: "case:A", Seq: 3, Hash: strings.Repeat("a", 64)}, Head{Stream: "用户:张三 \"x\"", Seq: 2, Hash: strings.Repeat("b", 64)})
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCheckpointFileRoundTrip(t *testing.T) {
	text := sampleText(t)
	f, err := ReadCheckpointFile(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Chain) != 2 || len(f.Heads) != 2 || f.Latest().Seq != 2 || f.Heads[1].Stream != "用户:张三 \"x\"" {
		t.Fatalf("read %+v", f)
	}
	var b bytes.Buffer
	f.WriteTo(&b)
	if b.String() != text {
		t.Fatalf("written again differently:\n%s\n%s", text, b.String())
	}
}

// Every way a file can fail to hold together is refused, naming the line
// or the reason.
func TestCheckpointFileRefusesWhatDoesNotHoldTogether(t *testing.T) {
	text := sampleText(t)
	lines := strings.SplitAfter(text, "\n")
	cases := map[string]string{
		"empty":              "",
		"no checkpoint":      lines[0],
		"another format":     strings.Replace(text, checkpointFormat, "other", 1),
		"unknown field":      strings.Replace(text, `"seq":1,`, `"seq":1,"x":1,`, 1),
		"last head missing":  strings.Join(lines[:len(lines)-2], ""),
		"head edited":        strings.Replace(text, `"seq":3`, `"seq":4`, 1),
		"heads swapped":      lines[0] + lines[1] + lines[2] + lines[4] + lines[3],
		"checkpoint removed": lines[0] + lines[2] + lines[3] + lines[4],
		"checkpoint edited":  strings.Replace(text, `"events":1,`, `"events":2,`, 1),
		"two values":         strings.Replace(text, "\n", " {}\n", 1),
		"head first":         lines[0] + lines[3] + lines[1] + lines[2] + lines[4],
		"format twice":       lines[0] + lines[0] + strings.Join(lines[1:], ""),
		"two parts":          lines[0] + strings.Replace(lines[1], `{"checkpoint"`, `{"format":"x","checkpoint"`, 1) + strings.Join(lines[2:], ""),
		"bad instant":        strings.Replace(text, `"at":"2026`, `"at":"x2026`, 1),
	}
	for name, in := range cases {
		if _, err := ReadCheckpointFile(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzReadCheckpointFile: the file comes from outside. Nothing may panic,
// and a file that is accepted holds together: written again and read back,
// it is the same.
func FuzzReadCheckpointFile(f *testing.F) {
	f.Add(sampleText(f))
	f.Add(`{"format":"shenpi-checkpoints","version":1}` + "\n")
	f.Add(strings.Replace(sampleText(f), `"seq":3`, `"seq":-3`, 1))
	f.Fuzz(func(t *testing.T, text string) {
		file, err := ReadCheckpointFile(strings.NewReader(text))
		if err != nil {
			return
		}
		if err := file.check(); err != nil {
			t.Fatalf("accepted a file that does not hold together: %v", err)
		}
		var b bytes.Buffer
		if _, err := file.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCheckpointFile(&b)
		if err != nil {
			t.Fatalf("written again, refused: %v", err)
		}
		if !reflect.DeepEqual(again, file) {
			t.Fatalf("changed on the way round:\n%+v\n%+v", file, again)
		}
	})
}
