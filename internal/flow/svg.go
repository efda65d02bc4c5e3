package flow

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Node classes in the drawing of a running case.
const (
	ClassDone    = "done"    // the case has been through the node
	ClassCurrent = "current" // work is open (or a join waits) here
	ClassPending = "pending" // not reached yet
)

// SVGStyle styles the charts DrawSVG draws. A page that inlines a chart links it
// as a stylesheet, since a strict Content-Security-Policy allows no style inside the
// page; DrawSVGDocument, for a chart on its own, carries it. Every rule is under the
// chart's class, so it styles nothing else on a page.
var SVGStyle = scoped("svg.flowchart ",
	`text{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:13px;fill:#222}`,
	`.shape{fill:#fff;stroke:#555;stroke-width:1.5}`,
	`.shape.end{stroke-width:4}`,
	`.done .shape{fill:#e3f2e1;stroke:#2e7d32}`,
	`.current .shape{fill:#fff3cd;stroke:#d98200;stroke-width:3}`,
	`.pending .shape{fill:#f4f4f4;stroke:#9e9e9e}`,
	`.pending text{fill:#777}`,
	`.edge{fill:none;stroke:#666;stroke-width:1.2}`,
	`.edge.loop{stroke-dasharray:5 3}`,
	`.edge-label{font-size:11px;fill:#555}`,
	`.mark{font-size:18px;font-weight:bold}`)

func scoped(scope string, rules ...string) string {
	var b strings.Builder
	for _, r := range rules {
		b.WriteString(scope + r + "\n")
	}
	return b.String()
}

// Words are the words a chart uses, in its reader's language. Anything left empty is
// drawn as its code (approve, default, done…).
type Words struct {
	Outcomes map[string]string // the label of an edge taken on an outcome: approve → 通过
	Default  string            // the label of a choice's default edge
	Done     string            // the legend of a case's chart
	Current  string
	Pending  string
	// Public draws for applicants and the public: step names and outcomes only — no
	// condition as its author wrote it, no default branch, no node's id.
	Public bool
}

// DrawSVG draws a definition as a flow chart: layers by longest path from the start,
// loops as dashed curves, a shape per node kind. Given a case's State, it draws the steps
// that case added, marks each node done, current or pending, and adds a legend. The
// output is deterministic and all text is escaped; it has no XML declaration so it can
// be inlined in HTML, where the page links SVGStyle.
func DrawSVG(def *Definition, st *State, w Words) []byte { return draw(def, st, w, "") }

// DrawSVGDocument draws the chart as DrawSVG does, as a document of its own that
// carries its style: for an <img> or a download, which no page's stylesheet reaches.
func DrawSVGDocument(def *Definition, st *State, w Words) []byte {
	return draw(def, st, w, "<style>"+SVGStyle+"</style>")
}

func draw(def *Definition, st *State, w Words, style string) []byte {
	if def == nil {
		def = &Definition{}
	}
	if st != nil {
		if eff, err := effective(def, st.Inserted); err == nil {
			def = eff
		}
	}
	g := newGraph(def)
	l := newLayout(g)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img">`, l.w, l.h, l.w, l.h)
	b.WriteString(`<title>`)
	escape(&b, def.Name)
	b.WriteString(`</title>` + style)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#666"/></marker></defs>`)
	drawEdges(&b, g, l, w)
	for v, n := range g.nodes {
		drawNode(&b, n, l.x[v], l.y[v], nodeClass(n, st), w.Public)
	}
	if st != nil {
		drawLegend(&b, l, w)
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

func nodeClass(n *Node, st *State) string {
	if st == nil {
		return ""
	}
	for _, t := range st.Tokens {
		if t.Node == n.ID {
			return ClassCurrent
		}
	}
	if st.Rounds[n.ID] > 0 || (n.Kind == KindStart && st.Status != StatusNew) {
		return ClassDone
	}
	return ClassPending
}

// halfHeight is the distance from a node's centre to where edges meet it.
func halfHeight(k Kind) float64 {
	switch k {
	case KindTask, KindCountersign:
		return boxH / 2
	case KindSplit, KindJoin, KindChoice:
		return 22
	}
	return 18
}

// drawEdges routes every edge along the gaps between rows and the gutters between
// columns, where no box stands: a forward edge goes down from its source, across in the
// gap below (at its own lane, so that a node's edges part at once), and down into the
// next row, through its waypoints; an edge back up a loop leaves its source to the
// right, climbs its column's gutter and comes into its target from the right. A label
// sits on the edge's first crossing, in its lane, where no other label is.
func drawEdges(b *bytes.Buffer, g *graph, l *layout, w Words) {
	loops := 0
	for i := range g.def.Edges {
		e := &g.def.Edges[i]
		f, okf := g.pos[e.From]
		t, okt := g.pos[e.To]
		if !okf || !okt {
			continue
		}
		var path []point
		var at place
		if l.back[i] || l.layer[f] >= l.layer[t] {
			path, at = l.loopPath(g, f, t, loops)
			loops++
		} else {
			path, at = l.forwardPath(g, i, f, t)
		}
		class := "edge"
		if l.back[i] {
			class = "edge loop"
		}
		fmt.Fprintf(b, `<path class="%s" d="%s" marker-end="url(#arrow)"/>`, class, pathData(path))
		if label := edgeLabel(e, w); label != "" {
			fmt.Fprintf(b, `<text class="edge-label" x="%.1f" y="%.1f" text-anchor="%s">`, at.x, at.y, at.anchor)
			escape(b, truncate(label, labelRunes))
			b.WriteString(`</text>`)
		}
	}
}

// labelRunes is the longest edge label drawn, so that one fits its place.
const labelRunes = 8

type point struct{ x, y float64 }

// place is where a label is written: its anchor point and which end of the text is there.
type place struct {
	x, y   float64
	anchor string // start or end
}

func pathData(ps []point) string {
	var d strings.Builder
	for i, p := range ps {
		if i == 0 {
			fmt.Fprintf(&d, "M%.1f,%.1f", p.x, p.y)
		} else if p != ps[i-1] {
			fmt.Fprintf(&d, " L%.1f,%.1f", p.x, p.y)
		}
	}
	return d.String()
}

// laneY is the height of lane k in the gap below the row at rowY: below the names
// drawn under its diamonds and circles, a label's height apart.
func laneY(rowY float64, k int) float64 { return rowY + 50 + 14*float64(k%3) }

// forwardPath routes edge i from f down to t through its waypoints, and says where
// its label goes: at the start of its first crossing, to the right of its way down.
func (l *layout) forwardPath(g *graph, i, f, t int) ([]point, place) {
	stops := append(append([]int{f}, l.via[i]...), t)
	path := []point{{l.x[f], l.y[f] + halfHeight(g.nodes[f].Kind)}}
	var label place
	for k := 0; k+1 < len(stops); k++ {
		from, to := stops[k], stops[k+1]
		lane := laneY(l.y[from], l.lane[i])
		endY := l.y[to]
		if to == t {
			endY -= halfHeight(g.nodes[t].Kind)
		}
		path = append(path, point{l.x[from], lane}, point{l.x[to], lane}, point{l.x[to], endY})
		if k == 0 {
			label = place{l.x[from] + 4, lane - 2, "start"}
			if l.x[to] < l.x[from] { // it turns left: the label goes on the left too
				label = place{l.x[from] - 4, lane - 2, "end"}
			}
		}
	}
	return path, label
}

// loopPath routes an edge back up from f to t through the gutters right of their
// columns, the n-th loop a little further in, and puts its label beside its climb, in
// the gap above its source's row.
func (l *layout) loopPath(g *graph, f, t, n int) ([]point, place) {
	offset := 6 + 5*float64(n%3)
	gf, gt := l.x[f]+colW/2-offset, l.x[t]+colW/2-offset
	path := []point{{l.x[f] + sideOf(g.nodes[f].Kind), l.y[f]}, {gf, l.y[f]}}
	if gf != gt {
		above := l.y[t] - boxH/2 - 6
		path = append(path, point{gf, above}, point{gt, above})
	}
	path = append(path, point{gt, l.y[t]}, point{l.x[t] + sideOf(g.nodes[t].Kind), l.y[t]})
	return path, place{gf + 4, l.y[f] - rowH/2 + 6, "start"}
}

func sideOf(k Kind) float64 {
	switch k {
	case KindTask, KindCountersign:
		return boxW / 2
	case KindSplit, KindJoin, KindChoice:
		return 22
	}
	return 18
}

func edgeLabel(e *Edge, w Words) string {
	switch {
	case e.On != "":
		return cmp.Or(w.Outcomes[e.On], e.On)
	case w.Public:
		return ""
	case e.Default:
		return cmp.Or(w.Default, "default")
	}
	return e.Condition // as its author wrote it
}

func drawNode(b *bytes.Buffer, n *Node, x, y float64, class string, public bool) {
	name := n.label()
	if public {
		name = n.Name // never the id, which only the process's author knows
	}
	b.WriteString(`<g class="node `)
	escape(b, strings.TrimSpace(string(n.Kind)+" "+class))
	b.WriteString(`" data-node="`)
	escape(b, n.ID)
	b.WriteString(`"><title>`)
	escape(b, name)
	b.WriteString(`</title>`)
	labelY := y + 5
	switch n.Kind {
	case KindTask, KindCountersign:
		fmt.Fprintf(b, `<rect class="shape" x="%.1f" y="%.1f" width="%.0f" height="%.0f" rx="8"/>`, x-boxW/2, y-boxH/2, boxW, boxH)
		if n.Kind == KindCountersign {
			fmt.Fprintf(b, `<rect class="shape" x="%.1f" y="%.1f" width="%.0f" height="%.0f" rx="5"/>`, x-boxW/2+4, y-boxH/2+4, boxW-8, boxH-8)
		}
	case KindSplit, KindJoin, KindChoice:
		fmt.Fprintf(b, `<polygon class="shape" points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f"/>`, x, y-22, x+22, y, x, y+22, x-22, y)
		mark := "+"
		if n.Kind == KindChoice {
			mark = "×"
		}
		fmt.Fprintf(b, `<text class="mark" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x, y+6, mark)
		// Beside the diamond, as edges leave it below: short enough to end before
		// the next column's box.
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="start">`, x+28, y+5)
		escape(b, truncate(name, 6))
		b.WriteString(`</text></g>`)
		return
	default:
		class := "shape"
		if n.Kind == KindEnd {
			class = "shape end"
		}
		fmt.Fprintf(b, `<circle class="%s" cx="%.1f" cy="%.1f" r="18"/>`, class, x, y)
		labelY = y + 18 + 15 // an end: below, where no edge leaves
		if n.Kind == KindStart {
			labelY = y - 18 - 6 // above, where no edge comes in
		}
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">`, x, labelY)
	escape(b, truncate(name, 10))
	b.WriteString(`</text></g>`)
}

func drawLegend(b *bytes.Buffer, l *layout, w Words) {
	y := l.h - legendH + 16
	items := []struct{ class, label string }{
		{ClassDone, cmp.Or(w.Done, ClassDone)}, {ClassCurrent, cmp.Or(w.Current, ClassCurrent)}, {ClassPending, cmp.Or(w.Pending, ClassPending)},
	}
	b.WriteString(`<g class="legend">`)
	for i, it := range items {
		x := margin + float64(i)*150
		fmt.Fprintf(b, `<g class="%s"><rect class="shape" x="%.1f" y="%.1f" width="24" height="16" rx="3"/><text x="%.1f" y="%.1f">`,
			it.class, x, y, x+32, y+13)
		escape(b, it.label)
		b.WriteString(`</text></g>`)
	}
	b.WriteString(`</g>`)
}

// truncate shortens s to at most n runes, marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writes to a bytes.Buffer never fail
}
