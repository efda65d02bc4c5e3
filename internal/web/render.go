package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/shenpi/shenpi/internal/org"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// parseTemplates parses every page with the layout, once, at start-up.
func parseTemplates() (map[string]*template.Template, error) {
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"inc": func(i int) int { return i + 1 },
		// weekdays splits a translated list of weekday names ("一 二 …").
		"weekdays": strings.Fields,
	}
	// Files named _*.html hold partials shared by every page.
	shared := []string{"templates/layout.html", "templates/_*.html"}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, append(shared, p)...)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// view is what every page template receives.
type view struct {
	Lang      string
	User      *org.User
	Path      string
	RequestID string
	Flash     string
	Form      url.Values
	Errors    map[string]string // field → message key
	Data      any

	cat *catalogue
}

// T translates a key in the page's language; args are name/value pairs.
func (v *view) T(key string, args ...any) string {
	var data map[string]any
	if len(args) > 1 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return v.cat.T(v.Lang, key, data)
}

// Err returns the translated problem for a form field, or "".
func (v *view) Err(field string) string {
	if key, ok := v.Errors[field]; ok {
		return v.T(key)
	}
	return ""
}

// Value returns what the user typed in a field, to put it back.
func (v *view) Value(field string) string { return v.Form.Get(field) }

// newView starts a page's data from the request.
func (s *Server) newView(r *http.Request) *view {
	rc := reqCtx(r)
	v := &view{Lang: rc.lang, Path: r.URL.Path, RequestID: rc.id, Form: url.Values{}, Errors: map[string]string{}, cat: s.cat}
	if rc.user.ID != 0 {
		u := rc.user
		v.User = &u
	}
	if c, err := r.Cookie("flash"); err == nil {
		v.Flash, _ = url.QueryUnescape(c.Value)
	}
	return v
}

// render writes a page with a status; rendering goes to a buffer first so a
// template error becomes an apology, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	t, ok := s.templates[name]
	if !ok {
		s.internalError(w, r, fmt.Errorf("web: no template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.internalError(w, r, err)
		return
	}
	if v.Flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// redirect sends the browser on with an optional flash message key.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	if flashKey != "" {
		http.SetCookie(w, flashCookie(s.cat.T(reqCtx(r).lang, flashKey, nil)))
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// flashCookie carries a message to the next page the browser shows.
func flashCookie(msg string) *http.Cookie {
	return &http.Cookie{Name: "flash", Value: url.QueryEscape(msg), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
}

// internalError logs err with the request id and shows a short apology.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	rc := reqCtx(r)
	s.cfg.Log.Error("request failed", "request_id", rc.id, "method", r.Method, "path", r.URL.Path, "err", err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, `<!doctype html><meta charset="utf-8"><title>%s</title><p>%s</p><p><code>%s</code></p>`,
		template.HTMLEscapeString(s.cat.T(rc.lang, "error.internal.title", nil)),
		template.HTMLEscapeString(s.cat.T(rc.lang, "error.internal.body", nil)), rc.id)
}

// notFound renders the not-found page; it is also the answer to a request
// for something the user may not see, so its existence is not revealed.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "notfound", s.newView(r))
}

// forbidden answers an action the user may not take on something they may see.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusForbidden, "forbidden", s.newView(r))
}
