package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/api"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/request"
)

const sessionCookie = "shenpi_session"

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// contentSecurityPolicy lets a page load scripts, styles, images and forms from
// this site only, and run no inline script, handler or style: what an injected
// string could say is inert.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// around wraps the router with everything every request needs.
func (s *Server) around(next http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(s.crossOriginRefused))
	protected := csrf.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		b := make([]byte, 8)
		rand.Read(b)
		rc := &request.Info{ID: hex.EncodeToString(b)}
		r = request.With(r, rc)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		w = sw
		w.Header().Set("X-Request-Id", rc.ID)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		defer func() {
			if p := recover(); p != nil {
				s.failed(w, r, fmt.Errorf("web: panic: %v", p))
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(elapsed.Seconds())
			s.cfg.Log.Debug("request", "request_id", rc.ID, "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", elapsed.Milliseconds())
		}()
		if err := s.identify(r, rc); err != nil {
			rc.Lang = messages.Pick(r, "")
			s.failed(w, r, err)
			return
		}
		rc.Lang = messages.Pick(r, rc.User.Lang)
		if rc.User.MustChange && !mayPassMustChange(r.URL.Path) {
			if request.IsAPI(r) {
				api.Error(w, http.StatusForbidden, "password_change_required", s.msgs.T(rc.Lang, "api.must_change", nil))
				return
			}
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		if s.writeRefused(w, r, rc.User) {
			return
		}
		protected.ServeHTTP(w, r)
	})
}

// identify finds the user from the session cookie or a bearer token. A
// credential that names nobody leaves the request anonymous; a lookup the
// database failed is returned, so the request is answered as the outage it
// is (503, logged) instead of as a bad credential.
func (s *Server) identify(r *http.Request, rc *request.Info) error {
	var (
		u   org.User
		err error
	)
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		u, err = s.cfg.Auth.TokenUser(r.Context(), strings.TrimPrefix(h, "Bearer "))
	} else if c, cerr := r.Cookie(sessionCookie); cerr == nil {
		u, err = s.cfg.Auth.Session(r.Context(), c.Value)
		if err == nil {
			rc.Session = c.Value
		}
	} else {
		return nil
	}
	switch {
	case err == nil:
		rc.User = u
	case !errors.Is(err, auth.ErrNoSession):
		return err
	}
	return nil
}

// mayPassMustChange lists what a user who must change their password can
// still reach.
func mayPassMustChange(path string) bool {
	return path == "/password" || path == "/logout" || path == "/lang" || strings.HasPrefix(path, "/static/") || path == "/healthz"
}

// setSession hands the browser its session cookie.
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.cfg.SecureCookies || r.TLS != nil,
	})
}

// crossOriginRefused answers a state-changing request another site made a
// browser send: in JSON under /api/, as a short page elsewhere, in the
// reader's language either way.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	msg := s.msgs.T(request.From(r).Lang, "request.cross_origin", nil)
	if request.IsAPI(r) {
		api.Error(w, http.StatusForbidden, "cross_origin", msg)
		return
	}
	http.Error(w, msg, http.StatusForbidden)
}
