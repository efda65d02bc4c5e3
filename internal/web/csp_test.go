package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/store/storetest"
)

var (
	scriptTag   = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	inlineParts = []*regexp.Regexp{
		regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=[^>]*>`),      // an event handler attribute
		regexp.MustCompile(`(?i)<[a-z][^>]*\sstyle\s*=[^>]*>`),         // a style attribute
		regexp.MustCompile(`(?i)<style\b`),                             // a style element
		regexp.MustCompile(`(?i)(href|src|action)\s*=\s*"javascript:`), // a script URL
	}
)

// inlineCode returns the first piece of a page that a strict
// Content-Security-Policy refuses to run or apply, or "". Every page a test of
// this package fetches is held to it (site.do).
func inlineCode(html string) string {
	for _, tag := range scriptTag.FindAllString(html, -1) {
		if !strings.Contains(tag, " src=") {
			return tag
		}
	}
	for _, re := range inlineParts {
		if m := re.FindString(html); m != "" {
			return m
		}
	}
	return ""
}

// TestContentSecurityPolicy: every page has a policy that runs no inline
// script or style (issue 11 #8), a chart served on its own a policy of its
// own, and /static/ lists no directory.
func TestContentSecurityPolicy(t *testing.T) {
	s := newCaseSite(t, storetest.SQLite(t))
	for _, path := range []string{"/", "/portal", "/login", "/register", "/lookup", "/items/" + foodItem} {
		req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
		res, err := s.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: policy %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("%s: policy %q allows inline code", path, csp)
		}
	}
	if res := s.get(s.client(), "/items/"+foodItem); !strings.Contains(res.body, `<script src="/static/chart.js" defer></script>`) {
		t.Error("the guide lost the script that hides a chart that cannot be drawn")
	}
	for _, path := range []string{"/static/", "/static/style.css/"} {
		if res := s.get(s.client(), path); res.status != 404 || strings.Contains(res.body, "style.css") {
			t.Errorf("%s: %d %s", path, res.status, res.body)
		}
	}
	if res := s.get(s.client(), "/static/style.css"); res.status != 200 {
		t.Errorf("a static file: %d", res.status)
	}
	if res := s.get(s.client(), "/static/chart.css"); res.status != 200 || !strings.Contains(res.body, "svg.flowchart .shape{") {
		t.Errorf("the charts' stylesheet: %d %s", res.status, res.body)
	}
}

// TestInlineCodeIsCaught: the check every fetched page goes through finds what
// it looks for.
func TestInlineCodeIsCaught(t *testing.T) {
	for _, html := range []string{`<script>alert(1)</script>`, `<img src="x" onerror="alert(1)">`,
		`<button style="left:0">`, `<style>p{}</style>`, `<a href="javascript:alert(1)">`} {
		if inlineCode(html) == "" {
			t.Errorf("missed %s", html)
		}
	}
	if got := inlineCode(`<script src="/static/catalog.js" defer></script><p class="on">style=x</p>`); got != "" {
		t.Errorf("a clean page flagged: %s", got)
	}
}
