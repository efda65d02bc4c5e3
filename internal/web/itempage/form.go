// Package itempage lays out an approval item for pages: its guide (办事指南)
// and one-time notice, its application form with what was typed and the
// problems found, and the hits of a search. The portal, the office's window
// registration and the item editor's preview show items the same way.
package itempage

import (
	"sort"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Form is an application form ready to render with the partial
// _catalog_form.html: every field with its input name, what was typed and
// the problem to show beside it.
type Form struct {
	Fields []fieldView
}

// formTexts are the words the form partial needs, translated once.
type formTexts struct {
	Choose, Yes, No, AddRow string
}

type fieldView struct {
	Name, ID    string // the input's name (prefix + path) and id
	Type        string
	Label, Help string
	Required    bool
	Value       string
	Problem     string
	Options     []optionView
	MinLen      int
	MaxLen      int
	Min, Max    string
	Integer     bool
	MinDate     string
	MaxDate     string
	Columns     []fieldView // a table's column headers
	Rows        []rowView
	Next        int // the row index the next added row takes
	RowLimit    int
	UI          *formTexts
}

type rowView struct {
	Index int
	Cells []fieldView
}

type optionView struct {
	Value, Label string
	Selected     bool
}

// FormPrefix starts the input names of application form fields, keeping
// them apart from any other input of the page.
const FormPrefix = "f."

// NewForm lays out form with the values typed so far and the problems
// found, by field path.
func NewForm(v *page.View, form catalog.Form, values catalog.Values, problems map[string]catalog.Problem) Form {
	ui := &formTexts{Choose: v.T("catalog.form.choose"), Yes: v.T("catalog.form.yes"), No: v.T("catalog.form.no"), AddRow: v.T("catalog.form.add_row")}
	fv := Form{}
	for _, fd := range form.Fields {
		f := fieldOf(v, fd, fd.Name, values, problems, ui)
		if fd.Type == catalog.FieldTable {
			for _, c := range fd.Columns {
				f.Columns = append(f.Columns, fieldOf(v, c, fd.Name+".#."+c.Name, nil, nil, ui))
			}
			f.RowLimit = fd.RowLimit()
			rows := rowIndices(values, fd.Name)
			next := 0
			if len(rows) > 0 {
				next = rows[len(rows)-1] + 1
			}
			want := max(len(rows)+1, fd.MinRows, 1)
			for len(rows) < want && len(rows) < f.RowLimit {
				rows = append(rows, next)
				next++
			}
			for _, n := range rows {
				row := rowView{Index: n}
				for _, c := range fd.Columns {
					row.Cells = append(row.Cells, fieldOf(v, c, fd.Name+"."+strconv.Itoa(n)+"."+c.Name, values, problems, ui))
				}
				f.Rows = append(f.Rows, row)
			}
			f.Next = next
		}
		fv.Fields = append(fv.Fields, f)
	}
	return fv
}

func fieldOf(v *page.View, fd catalog.Field, path string, values catalog.Values, problems map[string]catalog.Problem, ui *formTexts) fieldView {
	f := fieldView{
		Name: FormPrefix + path, ID: "f-" + strings.NewReplacer(".", "-", "#", "N").Replace(path), Type: string(fd.Type),
		Label: fd.LabelIn(v.Lang), Help: fd.HelpIn(v.Lang), Required: fd.Required, Value: values[path],
		MinLen: fd.MinLen, MaxLen: fd.LengthLimit(), Integer: fd.Integer, MinDate: fd.MinDate, MaxDate: fd.MaxDate, UI: ui,
	}
	if p, ok := problems[path]; ok {
		f.Problem = v.TArgs(p.Key, p.Args)
	}
	if fd.Min != nil {
		f.Min = strconv.FormatFloat(*fd.Min, 'f', -1, 64)
	}
	if fd.Max != nil {
		f.Max = strconv.FormatFloat(*fd.Max, 'f', -1, 64)
	}
	for _, o := range fd.Options {
		f.Options = append(f.Options, optionView{Value: o.Value, Label: o.LabelIn(v.Lang), Selected: o.Value == f.Value})
	}
	return f
}

// rowIndices lists the row numbers of a table present in values.
func rowIndices(values catalog.Values, table string) []int {
	seen := map[int]bool{}
	for k := range values {
		rest, ok := strings.CutPrefix(k, table+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(idx); err == nil && n >= 0 && n < 10000 && strconv.Itoa(n) == idx {
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// Values takes the application form's answers out of a posted form.
func Values(posted map[string][]string) catalog.Values {
	out := catalog.Values{}
	for k, vs := range posted {
		if path, ok := strings.CutPrefix(k, FormPrefix); ok && len(vs) > 0 {
			out[path] = vs[0]
		}
	}
	return out
}
