package page

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// Template is a page a handler may render. Handlers obtain theirs when
// they are built, through Templates, so an unknown name is a programming
// error the server's New reports, never a failure at request time.
type Template struct {
	name string
	t    *template.Template
}

// Templates collects the templates one handler declares.
type Templates struct {
	pages   *Pages
	missing []string
}

// Templates starts a handler's declaration of its templates.
func (p *Pages) Templates() *Templates { return &Templates{pages: p} }

// Get returns the template name; an unknown name is remembered for Err.
func (ts *Templates) Get(name string) Template {
	t, ok := ts.pages.templates[name]
	if !ok {
		ts.missing = append(ts.missing, name)
		return Template{name: name}
	}
	ts.pages.claimed[name] = true
	return Template{name: name, t: t}
}

// Err reports every unknown name Get was given.
func (ts *Templates) Err() error {
	if len(ts.missing) == 0 {
		return nil
	}
	return fmt.Errorf("page: no templates %s", strings.Join(ts.missing, ", "))
}

// Unclaimed lists the templates no handler declared: pages nothing can
// render, which the server refuses to start with.
func (p *Pages) Unclaimed() []string {
	var out []string
	for name := range p.templates {
		if !p.claimed[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
