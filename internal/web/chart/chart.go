// Package chart draws process flow charts for pages, labelled in the
// reader's language: a definition for the process editor and the item
// guides, a running case for its pages.
package chart

import (
	"io"
	"net/http"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/web/page"
)

// SVGPolicy is the Content-Security-Policy of a chart served on its own: its own
// style element, nothing else.
const SVGPolicy = "default-src 'none'; style-src 'unsafe-inline'"

// Style answers with the charts' stylesheet, for the pages that inline a chart.
func Style(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	io.WriteString(w, flow.SVGStyle)
}

// Write answers with the chart of a definition in the language of v, for staff
// (every step and condition) or, public, for everyone (step names and outcomes).
func Write(w http.ResponseWriter, v *page.View, def *flow.Definition, public bool) {
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Vary", "Cookie, Accept-Language") // the labels are in the reader's language
	// A chart of its own carries its style; it runs nothing and loads nothing.
	w.Header().Set("Content-Security-Policy", SVGPolicy)
	words := Words(v)
	words.Public = public
	w.Write(flow.DrawSVGDocument(def, nil, words))
}

// Public are the words of a chart for applicants and the public in the language of v:
// step names and outcomes only.
func Public(v *page.View) flow.Words {
	w := Words(v)
	w.Public = true
	return w
}

// Words are the words of flow charts in the language of v.
func Words(v *page.View) flow.Words {
	w := flow.Words{Outcomes: map[string]string{}, Default: v.T("flow.chart.default"),
		Done: v.T("flow.chart.done"), Current: v.T("flow.chart.current"), Pending: v.T("flow.chart.pending")}
	for o, key := range outcomeKeys {
		w.Outcomes[o] = v.T(key)
	}
	return w
}

// outcomeKeys label the edges taken on each outcome.
var outcomeKeys = map[string]string{
	flow.OutcomeApprove: "flow.chart.outcome.approve",
	flow.OutcomeReject:  "flow.chart.outcome.reject",
	flow.OutcomeReturn:  "flow.chart.outcome.return",
	flow.OutcomeSkipped: "flow.chart.outcome.skipped",
}
