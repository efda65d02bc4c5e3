package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/published"
	"github.com/shenpi/shenpi/internal/web/request"
)

// apiItemHit is one item of GET /api/v1/items.
type apiItemHit struct {
	Code         string           `json:"code"`
	Version      int              `json:"version"`
	Name         string           `json:"name"`
	NameEn       string           `json:"name_en,omitempty"`
	Department   string           `json:"department"`
	Kind         catalog.Kind     `json:"kind"`
	Audience     catalog.Audience `json:"audience"`
	Themes       []catalog.Theme  `json:"themes"`
	Mode         catalog.Mode     `json:"mode"`
	Channel      catalog.Channel  `json:"channel"`
	PromisedDays int              `json:"promised_days"`
	Free         bool             `json:"free"`
	Match        string           `json:"match,omitempty"`
	Snippet      string           `json:"snippet,omitempty"`
}

// itemList searches the published items: GET /api/v1/items?q=…&department=…
// &theme=…&audience=…&limit=…&offset=…; without q it lists them by code.
func (h *Handler) itemList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, ok := h.intParam(w, r, "limit", 50, 1, 200)
	if !ok {
		return
	}
	offset, ok := h.intParam(w, r, "offset", 0, 0, 10000)
	if !ok {
		return
	}
	res, err := h.catalog.SearchPage(r.Context(), strings.TrimSpace(q.Get("q")), published.Filter(q), offset, limit)
	if err != nil {
		h.internalError(w, r, err)
		return
	}
	out := make([]apiItemHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		themes := h.Themes
		if themes == nil {
			themes = []catalog.Theme{}
		}
		out = append(out, apiItemHit{Code: h.Code, Version: h.Version, Name: h.Name, NameEn: h.NameEn, Department: h.Department,
			Kind: h.Kind, Audience: h.Audience, Themes: themes, Mode: h.Mode, Channel: h.Channel, PromisedDays: h.PromisedDays,
			Free: h.Free, Match: h.Match, Snippet: h.Snippet})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "count": len(out), "total": res.Total})
}

// intParam reads a whole-number query parameter between lo and hi, def when absent;
// anything else is answered with the message for that parameter.
func (h *Handler) intParam(w http.ResponseWriter, r *http.Request, name string, def, lo, hi int) (int, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		key := "catalog.api." + name
		Error(w, http.StatusBadRequest, key, h.msgs.T(request.From(r).Lang, key, nil), name)
		return 0, false
	}
	return n, true
}
