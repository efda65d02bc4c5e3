package flow

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// wellFormed parses svg back with encoding/xml.
func wellFormed(t testing.TB, svg []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
	}
}

func TestDrawSVGDefinition(t *testing.T) {
	def := loopDef(3)
	def.Nodes[1].Name = `受理 <窗口> & "审查"`
	svg := DrawSVG(def, nil, Words{})
	wellFormed(t, svg)
	s := string(svg)
	for _, want := range []string{`class="flowchart"`, `data-node="accept"`, `class="edge loop"`, `&lt;窗口&gt;`, `<circle`, `<rect`} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(s, "legend") {
		t.Error("a bare definition needs no legend")
	}
	if !bytes.Equal(svg, DrawSVG(def, nil, Words{})) {
		t.Error("drawing is not deterministic")
	}
	// Inlined in a page, a chart carries no style of its own (the page's policy allows
	// none); on its own, it does.
	if strings.Contains(s, "<style") || strings.Contains(s, "style=") {
		t.Error("an inline chart carries style")
	}
	doc := DrawSVGDocument(def, nil, Words{})
	wellFormed(t, doc)
	if !strings.Contains(string(doc), "<style>svg.flowchart text{font-family:\"WenQuanYi Micro Hei\"") {
		t.Error("a chart document lacks its style")
	}
}

func TestDrawSVGRunningCase(t *testing.T) {
	c := newCase(t, jointDef(WaitAll, 0))
	c.start(nil)
	c.complete("accept", OutcomeApprove)
	c.complete("assist1", OutcomeApprove)
	svg := DrawSVG(c.def, &c.st, Words{})
	wellFormed(t, svg)
	s := string(svg)
	for _, want := range []string{
		`class="node task done" data-node="accept"`,
		`class="node task current" data-node="lead"`,
		`class="node join current" data-node="merge"`,
		`class="node task pending" data-node="decide"`,
		`class="legend"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestDrawSVGBrokenDefinitions(t *testing.T) {
	for _, def := range []*Definition{
		nil,
		{},
		{Nodes: []Node{{ID: "a", Kind: "weird"}, {ID: "a"}}, Edges: []Edge{{From: "a", To: "b"}, {From: "a", To: "a"}}},
		generatedDefinition(200),
	} {
		wellFormed(t, DrawSVG(def, &State{}, Words{}))
	}
}

// TestDrawSVGWords: edges and the legend speak the reader's language, escaped; what the
// words leave out is drawn as its code.
func TestDrawSVGWords(t *testing.T) {
	def := &Definition{Key: "w", Name: "words", Nodes: []Node{
		{ID: "start", Kind: KindStart},
		{ID: "review", Kind: KindTask, Name: "审核", Assignee: &Assignee{Kind: AssignUser, User: "u"}},
		{ID: "ok", Kind: KindEnd, Result: ResultApproved},
		{ID: "no", Kind: KindEnd, Result: ResultRefused},
	}, Edges: []Edge{
		{From: "start", To: "review"},
		{From: "review", To: "ok", On: OutcomeApprove},
		{From: "review", To: "no", On: OutcomeReject},
	}}
	w := Words{Outcomes: map[string]string{OutcomeApprove: "通过"}, Done: "已办理", Current: "办理中", Pending: "<未开始>"}
	svg := DrawSVG(def, &State{}, w)
	wellFormed(t, svg)
	s := string(svg)
	for _, want := range []string{">通过<", ">reject<", ">已办理<", ">办理中<", "&lt;未开始&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(s, ">approve<") {
		t.Error("the approve edge is labelled with its code")
	}
}
