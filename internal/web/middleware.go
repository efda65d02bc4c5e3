package web

import (
	"context"
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
)

// requestContext is what the middleware learns about a request.
type requestContext struct {
	id    string
	lang  string
	user  org.User
	token string // the session cookie value, for logout
}

type ctxKey struct{}

func reqCtx(r *http.Request) *requestContext {
	if rc, ok := r.Context().Value(ctxKey{}).(*requestContext); ok {
		return rc
	}
	return &requestContext{lang: Chinese.String()}
}

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

// around wraps the router with everything every request needs.
func (s *Server) around(next http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	protected := csrf.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		b := make([]byte, 8)
		rand.Read(b)
		rc := &requestContext{id: hex.EncodeToString(b)}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, rc))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		w = sw
		w.Header().Set("X-Request-Id", rc.id)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("X-Frame-Options", "DENY")
		defer func() {
			if p := recover(); p != nil {
				s.internalError(w, r, fmt.Errorf("panic: %v", p))
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(elapsed.Seconds())
			s.cfg.Log.Debug("request", "request_id", rc.id, "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", elapsed.Milliseconds())
		}()
		s.identify(r, rc)
		rc.lang = pickLang(r, rc.user.Lang)
		if rc.user.MustChange && !mayPassMustChange(r.URL.Path) {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

// identify finds the user from the session cookie or a bearer token.
func (s *Server) identify(r *http.Request, rc *requestContext) {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		if u, err := s.cfg.Auth.TokenUser(r.Context(), strings.TrimPrefix(h, "Bearer ")); err == nil {
			rc.user = u
		}
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		u, err := s.cfg.Auth.Session(r.Context(), c.Value)
		if err == nil {
			rc.user, rc.token = u, c.Value
		} else if !errors.Is(err, auth.ErrNoSession) {
			s.cfg.Log.Warn("session lookup failed", "request_id", rc.id, "err", err)
		}
	}
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

// requireUser wraps a handler that needs a logged-in user, sending others
// to the login page (pages) or answering 401 (API).
func (s *Server) requireUser(next func(http.ResponseWriter, *http.Request, org.User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := reqCtx(r).user
		if u.ID == 0 {
			if strings.HasPrefix(r.URL.Path, "/api/") {
				apiError(w, http.StatusUnauthorized, "unauthorized", s.cat.T(reqCtx(r).lang, "api.unauthorized", nil))
				return
			}
			http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		next(w, r, u)
	}
}
