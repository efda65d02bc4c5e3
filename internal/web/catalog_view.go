package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// inLang picks the English text on an English page when there is one.
func inLang(lang, zh, en string) string {
	if lang == English.String() && en != "" {
		return en
	}
	return zh
}

// tArgs translates key with the arguments a domain problem carries.
func tArgs(v *view, key string, args map[string]any) string {
	pairs := make([]any, 0, 2*len(args))
	for k, a := range args {
		pairs = append(pairs, k, a)
	}
	return v.T(key, pairs...)
}

// departments indexes every department by code, to name them on pages.
type departments map[string]org.Department

func (s *Server) departmentIndex(ctx context.Context) (departments, error) {
	all, err := s.cfg.Org.Departments(ctx, "")
	if err != nil {
		return nil, err
	}
	d := departments{}
	for _, x := range all {
		d[x.Code] = x
	}
	return d, nil
}

func (d departments) name(code, lang string) string {
	if x, ok := d[code]; ok {
		return inLang(lang, x.Name, x.NameEn)
	}
	return code
}

// hitView is a found item as a list shows it.
type hitView struct {
	catalog.Hit
	Title    string
	DeptName string
}

func hitViews(v *view, depts departments, hits []catalog.Hit) []hitView {
	out := make([]hitView, 0, len(hits))
	for _, h := range hits {
		out = append(out, hitView{Hit: h, Title: inLang(v.Lang, h.Name, h.NameEn), DeptName: depts.name(h.Department, v.Lang)})
	}
	return out
}

// formView is an application form ready to render with the partial
// _catalog_form.html: every field with its input name, what was typed and
// the problem to show beside it.
type formView struct {
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

// formPrefix starts the input names of application form fields, keeping
// them apart from any other input of the page.
const formPrefix = "f."

// newFormView lays out form with the values typed so far and the problems
// found, by field path.
func newFormView(v *view, form catalog.Form, values catalog.Values, problems map[string]catalog.Problem) formView {
	ui := &formTexts{Choose: v.T("catalog.form.choose"), Yes: v.T("catalog.form.yes"), No: v.T("catalog.form.no"), AddRow: v.T("catalog.form.add_row")}
	fv := formView{}
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

func fieldOf(v *view, fd catalog.Field, path string, values catalog.Values, problems map[string]catalog.Problem, ui *formTexts) fieldView {
	f := fieldView{
		Name: formPrefix + path, ID: "f-" + strings.NewReplacer(".", "-", "#", "N").Replace(path), Type: string(fd.Type),
		Label: fd.LabelIn(v.Lang), Help: fd.HelpIn(v.Lang), Required: fd.Required, Value: values[path],
		MinLen: fd.MinLen, MaxLen: fd.LengthLimit(), Integer: fd.Integer, MinDate: fd.MinDate, MaxDate: fd.MaxDate, UI: ui,
	}
	if p, ok := problems[path]; ok {
		f.Problem = tArgs(v, p.Key, p.Args)
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

// formValues takes the application form's answers out of a posted form.
func formValues(posted map[string][]string) catalog.Values {
	out := catalog.Values{}
	for k, vs := range posted {
		if path, ok := strings.CutPrefix(k, formPrefix); ok && len(vs) > 0 {
			out[path] = vs[0]
		}
	}
	return out
}

// lookupItem resolves the item a portal URL names: the current published
// version, or with ?v=N (as a case links it) any version that was ever
// published. Drafts, and a withdrawn item without ?v=, are not found.
func (s *Server) lookupItem(r *http.Request) (catalog.Version, error) {
	code := r.PathValue("code")
	c := s.itemCatalog()
	if raw := r.URL.Query().Get("v"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			return catalog.Version{}, catalog.ErrNotFound
		}
		ver, err := c.Version(r.Context(), code, n)
		if err == nil && ver.State != catalog.StatePublished && ver.State != catalog.StateSuperseded {
			return catalog.Version{}, catalog.ErrNotFound
		}
		return ver, err
	}
	ver, err := c.Current(r.Context(), code)
	if err == nil && ver.Withdrawn {
		return catalog.Version{}, catalog.ErrNotFound
	}
	return ver, err
}

// itemDepartment returns the department and region of an item, for the
// permission checks.
func (s *Server) itemDepartment(ctx context.Context, code string) (org.Department, org.Region, error) {
	d, err := s.cfg.Org.DepartmentByCode(ctx, code)
	if err != nil {
		return d, org.Region{}, err
	}
	reg, err := s.cfg.Org.Region(ctx, d.RegionCode)
	return d, reg, err
}

// yuan formats an amount in fen as yuan.
func yuan(fen int64) string {
	if fen%100 == 0 {
		return strconv.FormatInt(fen/100, 10)
	}
	return fmt.Sprintf("%d.%02d", fen/100, fen%100)
}
