package flow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

func (a box) inset(d float64) box { return box{a.x0 + d, a.y0 + d, a.x1 - d, a.y1 - d} }

var (
	rectRe    = regexp.MustCompile(`<rect class="shape[^"]*" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"`)
	diamondRe = regexp.MustCompile(`<polygon class="shape" points="([-\d.]+),([-\d.]+) `)
	circleRe  = regexp.MustCompile(`<circle class="shape[^"]*" cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"`)
	pathRe    = regexp.MustCompile(`<path class="edge[^"]*" d="([^"]+)"`)
	labelRe   = regexp.MustCompile(`<text class="edge-label" x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)">([^<]*)</text>`)
	nameRe    = regexp.MustCompile(`<text x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)">([^<]*)</text>`)
	pointRe   = regexp.MustCompile(`([-\d.]+),([-\d.]+)`)
)

func num(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// textBox is where a text is drawn, at its font size, from its baseline and anchor.
func textBox(x, y float64, s string, size float64, anchor string) box {
	w := float64(utf8.RuneCountInString(s)) * size
	switch anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - size, x + w, y + 2}
}

// TestChartRoutesAroundBoxes draws the demo processes and checks the drawing's
// geometry (issue 10: edges cut through boxes and labels overlapped): no edge runs
// through a node, and no label lies on another label, a node or a node's name.
func TestChartRoutesAroundBoxes(t *testing.T) {
	files, _ := filepath.Glob("demo/*.json")
	if len(files) == 0 {
		t.Fatal("no demo processes")
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var def Definition
		if err := json.Unmarshal(raw, &def); err != nil {
			t.Fatal(err)
		}
		svg := string(DrawSVG(&def, nil, Words{Public: true, Outcomes: map[string]string{OutcomeApprove: "通过", OutcomeReject: "不通过", OutcomeReturn: "退回"}}))
		var shapes, texts []box
		for _, m := range rectRe.FindAllStringSubmatch(svg, -1) {
			x, y := num(m[1]), num(m[2])
			shapes = append(shapes, box{x, y, x + num(m[3]), y + num(m[4])})
		}
		for _, m := range diamondRe.FindAllStringSubmatch(svg, -1) {
			x, y := num(m[1]), num(m[2]) // the top point
			shapes = append(shapes, box{x - 22, y, x + 22, y + 44})
		}
		for _, m := range circleRe.FindAllStringSubmatch(svg, -1) {
			x, y, r := num(m[1]), num(m[2]), num(m[3])
			shapes = append(shapes, box{x - r, y - r, x + r, y + r})
		}
		for _, m := range nameRe.FindAllStringSubmatch(svg, -1) {
			texts = append(texts, textBox(num(m[1]), num(m[2]), m[4], 13, m[3]))
		}
		for _, m := range pathRe.FindAllStringSubmatch(svg, -1) {
			ps := pointRe.FindAllStringSubmatch(m[1], -1)
			for i := 0; i+1 < len(ps); i++ {
				seg := box{min(num(ps[i][1]), num(ps[i+1][1])), min(num(ps[i][2]), num(ps[i+1][2])),
					max(num(ps[i][1]), num(ps[i+1][1])), max(num(ps[i][2]), num(ps[i+1][2]))}
				seg.x1, seg.y1 = seg.x1+0.01, seg.y1+0.01
				for _, s := range shapes {
					if seg.overlaps(s.inset(2)) {
						t.Errorf("%s: the edge %s runs through the node at %v", file, m[1], s)
					}
				}
				for _, s := range texts {
					if seg.overlaps(s.inset(1)) {
						t.Errorf("%s: the edge %s runs through a node's name at %v", file, m[1], s)
					}
				}
			}
		}
		var labels []box
		for _, m := range labelRe.FindAllStringSubmatch(svg, -1) {
			l := textBox(num(m[1]), num(m[2]), m[4], 11, m[3])
			for _, other := range append(append(append([]box{}, labels...), shapes...), texts...) {
				if l.overlaps(other) {
					t.Errorf("%s: the label %q at %v lies on %v", file, m[4], l, other)
				}
			}
			labels = append(labels, l)
		}
		for _, internal := range []string{"form.", def.Key, ">default<", ">start<"} {
			if strings.Contains(svg, internal) {
				t.Errorf("%s: the public chart shows %q", file, internal)
			}
		}
	}
}
