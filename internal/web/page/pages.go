// Package page is what every audience's handlers share to answer with a
// page: the view a template receives, the templates a handler declares
// (checked when the server is built), rendering, redirects with a flash
// message, the error pages (not found, forbidden, internal error) and the
// few form readers every form needs.
package page

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/shenpi/shenpi/internal/site"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/request"
)

// Pages renders the server's page templates.
type Pages struct {
	templates map[string]*template.Template
	msgs      *messages.Messages
	log       *slog.Logger
	claimed   map[string]bool
	// The error pages every audience answers with.
	notFound, forbidden, refused Template
	// identity gives the site's identity to every page; nil shows none.
	identity func(context.Context) site.Identity
}

// ShowIdentity makes every page show the site's identity from identity.
func (p *Pages) ShowIdentity(identity func(context.Context) site.Identity) { p.identity = identity }

// New parses every page of fsys (NAME.html, each with layout.html and the
// partials _*.html), once, so a broken template fails at start-up.
func New(fsys fs.FS, msgs *messages.Messages, log *slog.Logger) (*Pages, error) {
	files, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, fmt.Errorf("page: unable to list the templates: %w", err)
	}
	funcs := template.FuncMap{
		"inc": func(i int) int { return i + 1 },
		// weekdays splits a translated list of weekday names ("一 二 …").
		"weekdays": strings.Fields,
	}
	// Files named _*.html hold partials shared by every page.
	shared := []string{"layout.html", "_*.html"}
	p := &Pages{templates: map[string]*template.Template{}, msgs: msgs, log: log, claimed: map[string]bool{}}
	for _, f := range files {
		name := strings.TrimSuffix(f, ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys, append(shared, f)...)
		if err != nil {
			return nil, fmt.Errorf("page: unable to parse template %s: %w", name, err)
		}
		p.templates[name] = t
	}
	ts := p.Templates()
	p.notFound, p.forbidden, p.refused = ts.Get("notfound"), ts.Get("forbidden"), ts.Get("refused")
	return p, ts.Err()
}

// Messages are the texts pages are written in.
func (p *Pages) Messages() *messages.Messages { return p.msgs }

// T translates key into the request's language.
func (p *Pages) T(r *http.Request, key string) string {
	return p.msgs.T(request.From(r).Lang, key, nil)
}

// NewView starts a page's data from the request.
func (p *Pages) NewView(r *http.Request) *View {
	in := request.From(r)
	v := &View{Lang: in.Lang, Path: r.URL.Path, RequestID: in.ID, Form: url.Values{}, Errors: map[string]string{}, msgs: p.msgs}
	if in.User.ID != 0 {
		u := in.User
		v.User = &u
	}
	if c, err := r.Cookie("flash"); err == nil {
		v.Flash, _ = url.QueryUnescape(c.Value)
	}
	return v
}

// Render writes a page with a status; rendering goes to a buffer first so
// a template error becomes an apology, not half a page.
func (p *Pages) Render(w http.ResponseWriter, r *http.Request, status int, t Template, v *View) {
	if t.t == nil {
		p.InternalError(w, r, fmt.Errorf("page: unable to render a template not obtained from Pages.Templates"))
		return
	}
	if p.identity != nil {
		v.Site = p.identity(r.Context())
	}
	var buf bytes.Buffer
	if err := t.t.ExecuteTemplate(&buf, "layout", v); err != nil {
		p.InternalError(w, r, fmt.Errorf("page: unable to render %s: %w", t.name, err))
		return
	}
	if v.Flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// Redirect sends the browser on with an optional flash message key.
func (p *Pages) Redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	if flashKey != "" {
		http.SetCookie(w, FlashCookie(p.T(r, flashKey)))
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// FlashCookie carries a message to the next page the browser shows.
func FlashCookie(msg string) *http.Cookie {
	return &http.Cookie{Name: "flash", Value: url.QueryEscape(msg), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
}

// InternalError logs err with the request id and shows a short apology:
// 503 when the database could not do its part, 500 otherwise.
func (p *Pages) InternalError(w http.ResponseWriter, r *http.Request, err error) {
	in := request.From(r)
	p.log.Error("request failed", "request_id", in.ID, "method", r.Method, "path", r.URL.Path, "err", err)
	status, kind := http.StatusInternalServerError, "internal"
	if store.Unavailable(err) {
		// The database could not do its part: a passing outage, not a
		// fault of ours, and worth trying again.
		status, kind = http.StatusServiceUnavailable, "unavailable"
		w.Header().Set("Retry-After", "5")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><meta charset="utf-8"><title>%s</title><p>%s</p><p><code>%s</code></p>`,
		template.HTMLEscapeString(p.T(r, "error."+kind+".title")),
		template.HTMLEscapeString(p.T(r, "error."+kind+".body")), in.ID)
}

// NotFound renders the not-found page; it is also the answer to a request
// for something the user may not see, so its existence is not revealed.
func (p *Pages) NotFound(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusNotFound, p.notFound, p.NewView(r))
}

// Forbidden answers an action the user may not take on something they may see.
func (p *Pages) Forbidden(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusForbidden, p.forbidden, p.NewView(r))
}
