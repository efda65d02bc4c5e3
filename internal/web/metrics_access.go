package web

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// Metrics is the handler of the Prometheus metrics, for a listener of their
// own (serve --metrics-addr).
func (s *Server) Metrics() http.Handler { return s.metrics.handler() }

// metricsOnSite guards /metrics on the site's own address. The figures tell
// an outsider how busy the server is and how far its consumers lag, so they
// are not public: with a token configured, a scraper sends it as a bearer
// token; without one, the site answers not found, and the metrics are served
// only on the address of their own, if any.
func (s *Server) metricsOnSite(w http.ResponseWriter, r *http.Request) {
	token := s.cfg.MetricsToken
	given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case token == "":
		http.NotFound(w, r)
	case !ok || subtle.ConstantTimeCompare([]byte(given), []byte(token)) != 1:
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
	default:
		s.metrics.handler().ServeHTTP(w, r)
	}
}
