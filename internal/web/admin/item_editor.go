package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/page"
)

// The item editor is one HTML form. Materials (m.N.…), fees (fee.N.…) and
// application form fields (ff.N.…) are repeatable rows; a row left empty is
// dropped. A table field's columns are edited as JSON, so that nothing a
// JSON import set is lost by editing in the browser.

// editorData is the editor page.
type editorData struct {
	New          bool
	Code         string
	Number       int
	DeptName     string
	Departments  []org.Department // those the user may create items for
	Note         string           // why a reviewer returned the draft
	Themes       []themeOption
	MaterialRows []int
	FeeRows      []int
	FieldRows    []int
	Problems     map[string]string // editor field → translated problem
	Summary      string

	Kinds         []catalog.Kind
	Modes         []catalog.Mode
	Channels      []catalog.Channel
	MaterialForms []catalog.MaterialForm
	ResultKinds   []catalog.ResultKind
	Audiences     []catalog.Audience
	FieldTypes    []catalog.FieldType
}

type themeOption struct {
	Theme   catalog.Theme
	Checked bool
}

// Err is the problem to show beside an editor field.
func (d editorData) Err(field string) string { return d.Problems[field] }

// RowHasProblem reports whether row n of a group has a problem, to open
// its advanced settings.
func (d editorData) RowHasProblem(group string, n int) bool {
	prefix := group + "." + strconv.Itoa(n) + "."
	for k := range d.Problems {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

func newEditorData(form url.Values) editorData {
	d := editorData{
		Problems: map[string]string{}, Kinds: catalog.Kinds, Modes: catalog.Modes, Channels: catalog.Channels,
		MaterialForms: catalog.MaterialForms, ResultKinds: catalog.ResultKinds, Audiences: catalog.Audiences, FieldTypes: catalog.FieldTypes,
	}
	for _, t := range catalog.Themes {
		d.Themes = append(d.Themes, themeOption{Theme: t, Checked: slices.Contains(form["themes"], string(t))})
	}
	// The rows typed so far, and one empty row to add another.
	d.MaterialRows = withBlankRow(editorRows(form, "m"))
	d.FeeRows = withBlankRow(editorRows(form, "fee"))
	d.FieldRows = withBlankRow(editorRows(form, "ff"))
	return d
}

// editorRows lists the row numbers of a repeatable group present in form.
func editorRows(form url.Values, group string) []int {
	seen := map[int]bool{}
	for k := range form {
		rest, ok := strings.CutPrefix(k, group+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(idx); err == nil && n >= 0 && n < 1000 && strconv.Itoa(n) == idx {
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func withBlankRow(rows []int) []int {
	next := 0
	if len(rows) > 0 {
		next = rows[len(rows)-1] + 1
	}
	return append(rows, next)
}

// itemForm fills the editor's inputs from an item.
func itemForm(it catalog.Item) url.Values {
	f := url.Values{}
	set := func(k, v string) { f.Set(k, v) }
	num := func(n int) string { return strconv.Itoa(n) }
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return ""
	}
	set("code", it.Code)
	set("name", it.Name)
	set("name_en", it.NameEn)
	set("kind", string(it.Kind))
	set("department", it.Department)
	set("legal_basis", it.LegalBasis)
	set("conditions", it.Conditions)
	set("statutory_days", num(it.StatutoryDays))
	set("promised_days", num(it.PromisedDays))
	set("mode", string(it.Mode))
	set("channel", string(it.Channel))
	if it.RefuseUnpaid {
		set("refuse_unpaid", "1")
	}
	set("result_kind", string(it.Result.Kind))
	set("result_name", it.Result.Name)
	set("validity_months", num(it.Result.ValidityMonths))
	set("delivery", it.Result.Delivery)
	set("where", it.Where)
	set("hours", it.Hours)
	set("phone", it.Phone)
	set("complaint_phone", it.ComplaintPhone)
	set("audience", string(it.Audience))
	set("process_key", it.ProcessKey)
	for _, t := range it.Themes {
		f.Add("themes", string(t))
	}
	for i, m := range it.Materials {
		p := fmt.Sprintf("m.%d.", i)
		set(p+"name", m.Name)
		set(p+"name_en", m.NameEn)
		set(p+"required", flag(m.Required))
		set(p+"form", string(m.Form))
		set(p+"copies", num(m.Copies))
		set(p+"electronic", flag(m.Electronic))
		if m.Electronic {
			set(p+"max_size_mb", num(m.MaxSizeMB))
		}
		set(p+"file_types", strings.Join(m.FileTypes, ", "))
		set(p+"note", m.Note)
		if s := m.Sample; s != nil {
			set(p+"sample_name", s.Name)
			set(p+"sample_sha", s.SHA256)
			set(p+"sample_type", s.ContentType)
			set(p+"sample_size", strconv.FormatInt(s.Size, 10))
		}
	}
	for i, fee := range it.Fees {
		p := fmt.Sprintf("fee.%d.", i)
		set(p+"name", fee.Name)
		set(p+"standard", fee.Standard)
		if fee.AmountFen > 0 {
			set(p+"amount", page.Yuan(fee.AmountFen))
		}
		set(p+"basis", fee.Basis)
	}
	for i, fd := range it.Form.Fields {
		p := fmt.Sprintf("ff.%d.", i)
		set(p+"name", fd.Name)
		set(p+"type", string(fd.Type))
		set(p+"label", fd.Label)
		set(p+"label_en", fd.LabelEn)
		set(p+"help", fd.Help)
		set(p+"help_en", fd.HelpEn)
		set(p+"required", flag(fd.Required))
		set(p+"integer", flag(fd.Integer))
		for k, n := range map[string]int{"min_len": fd.MinLen, "max_len": fd.MaxLen, "min_rows": fd.MinRows, "max_rows": fd.MaxRows} {
			if n != 0 {
				set(p+k, num(n))
			}
		}
		if fd.Min != nil {
			set(p+"min", strconv.FormatFloat(*fd.Min, 'f', -1, 64))
		}
		if fd.Max != nil {
			set(p+"max", strconv.FormatFloat(*fd.Max, 'f', -1, 64))
		}
		set(p+"min_date", fd.MinDate)
		set(p+"max_date", fd.MaxDate)
		var opts []string
		for _, o := range fd.Options {
			opts = append(opts, strings.Join([]string{o.Value, o.Label, o.LabelEn}, " | "))
		}
		set(p+"options", strings.Join(opts, "\n"))
		if len(fd.Columns) > 0 {
			b, _ := json.MarshalIndent(fd.Columns, "", "  ")
			set(p+"columns", string(b))
		}
	}
	return f
}

// editorInput is what the editor posted, turned into an item, with the
// sample files uploaded, the problems found in the editor's own fields, and
// the rows kept (to put a catalog problem back on the row it came from).
type editorInput struct {
	item      catalog.Item
	files     []catalog.FileData
	problems  map[string]problemText
	materials []int
	fees      []int
	fields    []int
}

type problemText struct {
	key  string
	args map[string]any
}

// parseEditor reads the editor's form; uploaded is the multipart form when
// sample files may have been sent.
func parseEditor(form url.Values, uploaded *multipart.Form) editorInput {
	in := editorInput{problems: map[string]problemText{}}
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	integer := func(k string) int {
		s := get(k)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1_000_000 {
			in.problems[k] = problemText{key: "catalog.editor.integer"}
		}
		return n
	}
	it := &in.item
	it.Code, it.Name, it.NameEn = get("code"), get("name"), get("name_en")
	it.Kind, it.Department = catalog.Kind(get("kind")), get("department")
	it.LegalBasis, it.Conditions = get("legal_basis"), get("conditions")
	it.StatutoryDays, it.PromisedDays = integer("statutory_days"), integer("promised_days")
	it.Mode, it.Channel = catalog.Mode(get("mode")), catalog.Channel(get("channel"))
	it.RefuseUnpaid = get("refuse_unpaid") != ""
	it.Result = catalog.Result{Kind: catalog.ResultKind(get("result_kind")), Name: get("result_name"),
		ValidityMonths: integer("validity_months"), Delivery: get("delivery")}
	it.Where, it.Hours, it.Phone, it.ComplaintPhone = get("where"), get("hours"), get("phone"), get("complaint_phone")
	it.Audience, it.ProcessKey = catalog.Audience(get("audience")), get("process_key")
	for _, t := range form["themes"] {
		it.Themes = append(it.Themes, catalog.Theme(t))
	}

	for _, n := range editorRows(form, "m") {
		p := fmt.Sprintf("m.%d.", n)
		sample := sampleOf(form, p, uploaded, &in)
		if get(p+"name") == "" && get(p+"name_en") == "" && get(p+"note") == "" && sample == nil {
			continue
		}
		m := catalog.Material{
			Name: get(p + "name"), NameEn: get(p + "name_en"), Required: get(p+"required") != "",
			Form: catalog.MaterialForm(get(p + "form")), Copies: integer(p + "copies"), Note: get(p + "note"),
			Electronic: get(p+"electronic") != "", MaxSizeMB: integer(p + "max_size_mb"), Sample: sample,
		}
		m.FileTypes = strings.FieldsFunc(get(p+"file_types"), func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '、' })
		it.Materials = append(it.Materials, m)
		in.materials = append(in.materials, n)
	}
	for _, n := range editorRows(form, "fee") {
		p := fmt.Sprintf("fee.%d.", n)
		if get(p+"name") == "" && get(p+"standard") == "" && get(p+"amount") == "" && get(p+"basis") == "" {
			continue
		}
		fee := catalog.Fee{Name: get(p + "name"), Standard: get(p + "standard"), Basis: get(p + "basis")}
		if a := get(p + "amount"); a != "" {
			x, err := strconv.ParseFloat(a, 64)
			if err != nil || x < 0 || x > 1e8 || math.IsNaN(x) {
				in.problems[p+"amount"] = problemText{key: "catalog.editor.amount"}
			}
			fee.AmountFen = int64(math.Round(x * 100))
		}
		it.Fees = append(it.Fees, fee)
		in.fees = append(in.fees, n)
	}
	for _, n := range editorRows(form, "ff") {
		p := fmt.Sprintf("ff.%d.", n)
		if get(p+"name") == "" && get(p+"label") == "" {
			continue
		}
		it.Form.Fields = append(it.Form.Fields, parseEditorField(form, p, &in))
		in.fields = append(in.fields, n)
	}
	return in
}

// sampleOf is a material row's sample: a newly uploaded file, else the one
// it had (kept in hidden inputs) unless removal was asked for.
func sampleOf(form url.Values, p string, uploaded *multipart.Form, in *editorInput) *catalog.FileRef {
	if uploaded != nil {
		if fhs := uploaded.File[p+"sample_file"]; len(fhs) > 0 && fhs[0].Size > 0 {
			fh := fhs[0]
			data, err := readUpload(fh)
			if err != nil {
				in.problems[p+"sample_file"] = problemText{key: "catalog.sample.too_large", args: map[string]any{"Max": catalog.MaxSampleBytes >> 20}}
				return nil
			}
			ref, bad := catalog.SampleRef(fh.Filename, data)
			if bad != nil {
				in.problems[p+"sample_file"] = problemText{key: bad.Key, args: bad.Args}
				return nil
			}
			in.files = append(in.files, catalog.FileData{SHA256: ref.SHA256, ContentType: ref.ContentType, Data: data})
			return &ref
		}
	}
	sha := strings.TrimSpace(form.Get(p + "sample_sha"))
	if sha == "" || form.Get(p+"sample_remove") != "" {
		return nil
	}
	size, _ := strconv.ParseInt(form.Get(p+"sample_size"), 10, 64)
	return &catalog.FileRef{Name: form.Get(p + "sample_name"), SHA256: sha, ContentType: form.Get(p + "sample_type"), Size: size}
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	if fh.Size > catalog.MaxSampleBytes {
		return nil, fmt.Errorf("too large")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, io.LimitReader(f, catalog.MaxSampleBytes+1)); err != nil {
		return nil, err
	}
	if b.Len() > catalog.MaxSampleBytes {
		return nil, fmt.Errorf("too large")
	}
	return b.Bytes(), nil
}

func parseEditorField(form url.Values, p string, in *editorInput) catalog.Field {
	get := func(k string) string { return strings.TrimSpace(form.Get(p + k)) }
	integer := func(k string) int {
		s := get(k)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1_000_000 {
			in.problems[p+k] = problemText{key: "catalog.editor.integer"}
		}
		return n
	}
	number := func(k string) *float64 {
		s := get(k)
		if s == "" {
			return nil
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			in.problems[p+k] = problemText{key: "catalog.form.number"}
			return nil
		}
		return &x
	}
	fd := catalog.Field{
		Name: get("name"), Type: catalog.FieldType(get("type")), Label: get("label"), LabelEn: get("label_en"),
		Help: get("help"), HelpEn: get("help_en"), Required: get("required") != "", Integer: get("integer") != "",
		MinLen: integer("min_len"), MaxLen: integer("max_len"), MinRows: integer("min_rows"), MaxRows: integer("max_rows"),
		Min: number("min"), Max: number("max"), MinDate: get("min_date"), MaxDate: get("max_date"),
	}
	for _, line := range strings.Split(form.Get(p+"options"), "\n") {
		parts := strings.Split(line, "|")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if parts[0] == "" {
			continue
		}
		o := catalog.Option{Value: parts[0], Label: parts[0]}
		if len(parts) > 1 && parts[1] != "" {
			o.Label = parts[1]
		}
		if len(parts) > 2 {
			o.LabelEn = parts[2]
		}
		fd.Options = append(fd.Options, o)
	}
	if cols := get("columns"); cols != "" {
		dec := json.NewDecoder(strings.NewReader(cols))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fd.Columns); err != nil || dec.More() {
			in.problems[p+"columns"] = problemText{key: "catalog.editor.columns_json"}
		}
	}
	return fd
}

// editorField maps a catalog problem's field path to the editor input
// it belongs beside.
func (in editorInput) editorField(path string) string {
	parts := strings.Split(path, ".")
	row := func(rows []int, i string) (int, bool) {
		n, err := strconv.Atoi(i)
		if err != nil || n < 0 || n >= len(rows) {
			return 0, false
		}
		return rows[n], true
	}
	// rowField names the editor field of a repeated row: prefix.N.key, with
	// the item's field name renamed where the editor calls it otherwise.
	rowField := func(rows []int, prefix, itemName, editorName string) string {
		if len(parts) >= 3 {
			if n, ok := row(rows, parts[1]); ok {
				key := parts[2]
				if key == itemName {
					key = editorName
				}
				return fmt.Sprintf("%s.%d.%s", prefix, n, key)
			}
		}
		return parts[0]
	}
	switch parts[0] {
	case "materials":
		return rowField(in.materials, "m", "sample", "sample_file")
	case "fees":
		return rowField(in.fees, "fee", "amount_fen", "amount")
	case "form":
		if len(parts) >= 4 {
			if n, ok := row(in.fields, parts[2]); ok {
				return fmt.Sprintf("ff.%d.%s", n, parts[3])
			}
		}
		return "fields"
	case "result":
		if len(parts) == 2 && parts[1] == "validity_months" {
			return "validity_months"
		}
		if len(parts) == 2 && parts[1] == "delivery" {
			return "delivery"
		}
		return "result_" + parts[len(parts)-1]
	case "themes":
		return "themes"
	case "region_code", "region_level":
		return "department"
	}
	return path
}
