package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
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

// apiItems searches the published items: GET /api/v1/items?q=…&department=…
// &theme=…&audience=…&limit=…&offset=…; without q it lists them by code.
func (s *Server) apiItems(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, ok := s.apiIntParam(w, r, "limit", 50, 1, 200)
	if !ok {
		return
	}
	offset, ok := s.apiIntParam(w, r, "offset", 0, 0, 10000)
	if !ok {
		return
	}
	res, err := s.itemCatalog().SearchPage(r.Context(), strings.TrimSpace(q.Get("q")), searchFilter(q), offset, limit)
	if err != nil {
		s.internalError(w, r, err)
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

// apiItem is one published item in full, in the import/export format, with
// its version record: GET /api/v1/items/{code}[?version=N]. Like the portal
// it answers not-found for drafts, and for a withdrawn item unless a
// version is asked for.
func (s *Server) apiItem(w http.ResponseWriter, r *http.Request) {
	lang := reqCtx(r).lang
	if raw := r.URL.Query().Get("version"); raw != "" {
		q := r.URL.Query()
		q.Set("v", raw)
		r.URL.RawQuery = q.Encode()
	}
	ver, err := s.lookupItem(r)
	if errors.Is(err, catalog.ErrNotFound) {
		apiError(w, http.StatusNotFound, "not_found", s.cat.T(lang, "catalog.api.not_found", nil))
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	body := map[string]any{
		"item": ver.Item, "version": ver.Number, "state": ver.State, "current": ver.Current, "withdrawn": ver.Withdrawn,
		"published_at": ver.PublishedAt.Format(time.RFC3339),
	}
	writeJSON(w, http.StatusOK, body)
}

// apiIntParam reads a whole-number query parameter between lo and hi, def when absent;
// anything else is answered with the catalogue's message for that parameter.
func (s *Server) apiIntParam(w http.ResponseWriter, r *http.Request, name string, def, lo, hi int) (int, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		key := "catalog.api." + name
		apiError(w, http.StatusBadRequest, key, s.cat.T(reqCtx(r).lang, key, nil), name)
		return 0, false
	}
	return n, true
}
