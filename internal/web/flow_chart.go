package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
)

// flowChart draws a version as an SVG flow chart. A published or retired version's chart
// is public, as the item guides that show it are (政务公开: the procedure and its chart
// are published); a draft's is for those who may see the definition.
func (s *Server) flowChart(w http.ResponseWriter, r *http.Request) {
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || version < 1 {
		s.notFound(w, r)
		return
	}
	rec, err := s.processes().Get(r.Context(), r.PathValue("key"), version)
	if errors.Is(err, process.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if rec.Status == process.StatusDraft {
		u := reqCtx(r).user
		if u.ID == 0 || !s.newFlowScopes(r.Context()).canSee(u, rec.Scope) {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "private, no-store")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=86400") // a published version never changes
	}
	writeChart(w, s.newView(r), rec.Definition)
}

// flowChartPublished draws the version of a process that is in force, for
// the item guides: public, like the guides.
func (s *Server) flowChartPublished(w http.ResponseWriter, r *http.Request) {
	versions, err := s.processes().Versions(r.Context(), r.PathValue("key"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	for _, v := range versions {
		if v.Status != process.StatusPublished {
			continue
		}
		rec, err := s.processes().Get(r.Context(), r.PathValue("key"), v.Version)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300") // a new version may be published
		writeChart(w, s.newView(r), rec.Definition)
		return
	}
	s.notFound(w, r)
}

// writeChart answers with the chart of a definition in the language of v.
func writeChart(w http.ResponseWriter, v *view, def *flow.Definition) {
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Vary", "Cookie, Accept-Language") // the labels are in the reader's language
	w.Write(flow.DrawSVG(def, nil, chartWords(v)))
}

// chartWords are the words of flow charts in the language of v.
func chartWords(v *view) flow.Words {
	w := flow.Words{Outcomes: map[string]string{}, Default: v.T("flow.chart.default"),
		Done: v.T("flow.chart.done"), Current: v.T("flow.chart.current"), Pending: v.T("flow.chart.pending")}
	for o, key := range chartOutcomeKeys {
		w.Outcomes[o] = v.T(key)
	}
	return w
}

// chartOutcomeKeys label the edges taken on each outcome.
var chartOutcomeKeys = map[string]string{
	flow.OutcomeApprove: "flow.chart.outcome.approve",
	flow.OutcomeReject:  "flow.chart.outcome.reject",
	flow.OutcomeReturn:  "flow.chart.outcome.return",
	flow.OutcomeSkipped: "flow.chart.outcome.skipped",
}
