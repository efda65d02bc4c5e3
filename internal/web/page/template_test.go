package page

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/shenpi/shenpi/internal/web/messages"
)

// TestTemplatesAreCheckedWhenDeclared: a handler that declares a template
// the files lack gets an error naming it when it is built, and templates no
// handler declared are listed, so New can refuse both before serving.
func TestTemplatesAreCheckedWhenDeclared(t *testing.T) {
	msgs, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{
		"layout.html":    {Data: []byte(`{{define "layout"}}{{template "body" .}}{{end}}`)},
		"notfound.html":  {Data: []byte(`{{define "body"}}nf{{end}}`)},
		"forbidden.html": {Data: []byte(`{{define "body"}}fb{{end}}`)},
		"refused.html":   {Data: []byte(`{{define "body"}}{{.Data.Body}}{{end}}`)},
		"home.html":      {Data: []byte(`{{define "body"}}home{{end}}`)},
		"orphan.html":    {Data: []byte(`{{define "body"}}orphan{{end}}`)},
		"_part.html":     {Data: []byte(`{{define "part"}}part{{end}}`)},
	}
	p, err := New(files, msgs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := p.Templates()
	ts.Get("home")
	ts.Get("hmoe")
	if err := ts.Err(); err == nil || !strings.Contains(err.Error(), "hmoe") || strings.Contains(err.Error(), "home,") {
		t.Fatalf("declaring hmoe: %v", err)
	}
	if got := p.Unclaimed(); len(got) != 1 || got[0] != "orphan" {
		t.Fatalf("unclaimed %v", got)
	}
	delete(files, "forbidden.html")
	if _, err := New(files, msgs, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil || !strings.Contains(err.Error(), "forbidden") {
		t.Fatalf("without the forbidden page: %v", err)
	}
}
