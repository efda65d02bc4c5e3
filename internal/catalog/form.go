package catalog

import (
	"regexp"
	"strconv"
	"time"
)

// Form is an application form (申请表) defined as data: the same definition
// renders the HTML form and validates what is submitted.
type Form struct {
	Fields []Field `json:"fields"`
}

// FieldType is what a field holds and how it is checked.
type FieldType string

const (
	FieldText       FieldType = "text"
	FieldLongText   FieldType = "longtext"
	FieldNumber     FieldType = "number"
	FieldDate       FieldType = "date" // YYYY-MM-DD
	FieldChoice     FieldType = "choice"
	FieldYesNo      FieldType = "yesno" // "yes" or "no"
	FieldResidentID FieldType = "resident_id"
	FieldCreditCode FieldType = "credit_code"
	FieldMobile     FieldType = "mobile"
	FieldRegion     FieldType = "region" // 行政区划代码
	FieldAddress    FieldType = "address"
	FieldTable      FieldType = "table" // rows of sub-fields (Columns)
)

// FieldTypes lists every type, in the order the editor offers them.
var FieldTypes = []FieldType{FieldText, FieldLongText, FieldNumber, FieldDate, FieldChoice, FieldYesNo,
	FieldResidentID, FieldCreditCode, FieldMobile, FieldRegion, FieldAddress, FieldTable}

// Field is one question of a form. Lengths count characters (runes); Min and
// Max bound numbers; MinDate and MaxDate bound dates; MinRows and MaxRows
// bound a table's rows, whose cells are the Columns.
type Field struct {
	Name     string    `json:"name"`
	Type     FieldType `json:"type"`
	Label    string    `json:"label"`
	LabelEn  string    `json:"label_en,omitempty"`
	Help     string    `json:"help,omitempty"`
	HelpEn   string    `json:"help_en,omitempty"`
	Required bool      `json:"required,omitempty"`
	MinLen   int       `json:"min_len,omitempty"`
	MaxLen   int       `json:"max_len,omitempty"`
	Min      *float64  `json:"min,omitempty"`
	Max      *float64  `json:"max,omitempty"`
	Integer  bool      `json:"integer,omitempty"`
	MinDate  string    `json:"min_date,omitempty"`
	MaxDate  string    `json:"max_date,omitempty"`
	Options  []Option  `json:"options,omitempty"`
	Columns  []Field   `json:"columns,omitempty"`
	MinRows  int       `json:"min_rows,omitempty"`
	MaxRows  int       `json:"max_rows,omitempty"`
}

// Option is one answer of a choice field.
type Option struct {
	Value   string `json:"value"`
	Label   string `json:"label"`
	LabelEn string `json:"label_en,omitempty"`
}

// Limits that keep any form, however it was defined, cheap to check.
const (
	defaultTextMax     = 200
	defaultLongTextMax = 2000
	capTextMax         = 1000
	capLongTextMax     = 20000
	defaultRowsMax     = 50
	capRowsMax         = 200
	maxFields          = 100
	maxOptions         = 100
)

var fieldNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// LengthLimit is the largest number of characters f accepts.
func (f Field) LengthLimit() int {
	switch f.Type {
	case FieldLongText:
		if f.MaxLen > 0 {
			return f.MaxLen
		}
		return defaultLongTextMax
	case FieldText, FieldAddress:
		if f.MaxLen > 0 {
			return f.MaxLen
		}
		return defaultTextMax
	}
	return 0
}

// RowLimit is the largest number of rows a table accepts.
func (f Field) RowLimit() int {
	if f.MaxRows > 0 {
		return f.MaxRows
	}
	return defaultRowsMax
}

// Check validates the definition itself: names, types, labels and rules
// that make sense together. Field paths are "form.fields.N.…".
func (f Form) Check() *InvalidError {
	if len(f.Fields) > maxFields {
		return invalid("form.fields", "catalog.item.too_many", "Max", maxFields)
	}
	return checkFields(f.Fields, "form.fields", false)
}

func checkFields(fields []Field, path string, inTable bool) *InvalidError {
	seen := map[string]bool{}
	for i, fd := range fields {
		p := path + "." + strconv.Itoa(i)
		if e := checkField(fd, p, inTable); e != nil {
			return e
		}
		if seen[fd.Name] {
			return invalid(p+".name", "catalog.field.duplicate_name")
		}
		seen[fd.Name] = true
	}
	return nil
}

func checkField(fd Field, p string, inTable bool) *InvalidError {
	switch {
	case !fieldNamePattern.MatchString(fd.Name):
		return invalid(p+".name", "catalog.field.name_format")
	case !knownFieldType(fd.Type):
		return invalid(p+".type", "catalog.field.type_unknown")
	case fd.Type == FieldTable && inTable:
		return invalid(p+".type", "catalog.field.table_in_table")
	case blank(fd.Label):
		return invalid(p+".label", "catalog.required")
	case fd.MinLen < 0 || fd.MaxLen < 0 || fd.MinRows < 0 || fd.MaxRows < 0:
		return invalid(p+".min_len", "catalog.field.negative")
	case fd.MaxLen > 0 && fd.MinLen > fd.MaxLen:
		return invalid(p+".min_len", "catalog.field.min_over_max")
	case fd.Type == FieldLongText && fd.MaxLen > capLongTextMax,
		fd.Type != FieldLongText && fd.MaxLen > capTextMax:
		return invalid(p+".max_len", "catalog.field.max_len_cap")
	case fd.Min != nil && fd.Max != nil && *fd.Min > *fd.Max:
		return invalid(p+".min", "catalog.field.min_over_max")
	case fd.MaxRows > capRowsMax:
		return invalid(p+".max_rows", "catalog.field.max_rows_cap", "Max", capRowsMax)
	case fd.MaxRows > 0 && fd.MinRows > fd.MaxRows:
		return invalid(p+".min_rows", "catalog.field.min_over_max")
	}
	for _, d := range []struct{ name, v string }{{"min_date", fd.MinDate}, {"max_date", fd.MaxDate}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				return invalid(p+"."+d.name, "catalog.form.date")
			}
		}
	}
	if fd.MinDate != "" && fd.MaxDate != "" && fd.MinDate > fd.MaxDate {
		return invalid(p+".min_date", "catalog.field.min_over_max")
	}
	switch fd.Type {
	case FieldChoice:
		if len(fd.Options) == 0 {
			return invalid(p+".options", "catalog.field.options_required")
		}
		if len(fd.Options) > maxOptions {
			return invalid(p+".options", "catalog.item.too_many", "Max", maxOptions)
		}
		seen := map[string]bool{}
		for j, o := range fd.Options {
			op := p + ".options." + strconv.Itoa(j)
			switch {
			case blank(o.Value) || len(o.Value) > 64:
				return invalid(op+".value", "catalog.required")
			case blank(o.Label):
				return invalid(op+".label", "catalog.required")
			case seen[o.Value]:
				return invalid(op+".value", "catalog.field.duplicate_option")
			}
			seen[o.Value] = true
		}
	case FieldTable:
		if len(fd.Columns) == 0 {
			return invalid(p+".columns", "catalog.field.columns_required")
		}
		if len(fd.Columns) > 20 {
			return invalid(p+".columns", "catalog.item.too_many", "Max", 20)
		}
		return checkFields(fd.Columns, p+".columns", true)
	default:
		if len(fd.Options) > 0 {
			return invalid(p+".options", "catalog.field.options_only_choice")
		}
		if len(fd.Columns) > 0 {
			return invalid(p+".columns", "catalog.field.columns_only_table")
		}
	}
	return nil
}

func knownFieldType(t FieldType) bool {
	for _, k := range FieldTypes {
		if t == k {
			return true
		}
	}
	return false
}

// LabelIn returns the field's label in lang ("en" or Chinese).
func (f Field) LabelIn(lang string) string {
	if lang == "en" && f.LabelEn != "" {
		return f.LabelEn
	}
	return f.Label
}

// HelpIn returns the field's help text in lang.
func (f Field) HelpIn(lang string) string {
	if lang == "en" && f.HelpEn != "" {
		return f.HelpEn
	}
	return f.Help
}

// LabelIn returns the option's label in lang.
func (o Option) LabelIn(lang string) string {
	if lang == "en" && o.LabelEn != "" {
		return o.LabelEn
	}
	return o.Label
}
