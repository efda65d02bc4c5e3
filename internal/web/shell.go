package web

import (
	"embed"
	"net/http"

	"github.com/shenpi/shenpi/internal/web/api"
	"github.com/shenpi/shenpi/internal/web/page"
	"github.com/shenpi/shenpi/internal/web/request"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// templates are the pages the shell renders itself, looked up in New.
type templates struct {
	home, login, password, register, tokens page.Template
}

func (s *Server) newView(r *http.Request) *page.View { return s.pages.NewView(r) }

func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	s.pages.Redirect(w, r, to, flashKey)
}

func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.pages.InternalError(w, r, err)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) { s.pages.NotFound(w, r) }

// logError logs a failed request with its id, for handlers that answer
// the failure themselves.
func (s *Server) logError(r *http.Request, err error) {
	in := request.From(r)
	s.cfg.Log.Error("request failed", "request_id", in.ID, "method", r.Method, "path", r.URL.Path, "err", err)
}

// failed answers a request that failed outside any handler's care (a
// panic, the database failing to identify the user): in JSON under /api/, with the apology page elsewhere.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, err error) {
	if !request.IsAPI(r) {
		s.internalError(w, r, err)
		return
	}
	s.logError(r, err)
	api.InternalError(w, r, err, func(key string) string { return s.msgs.T(request.From(r).Lang, key, nil) })
}
