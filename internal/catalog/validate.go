package catalog

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	codePattern       = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$`)
	processKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)
	fileTypePattern   = regexp.MustCompile(`^[a-z0-9]{1,8}$`)
	sha256Pattern     = regexp.MustCompile(`^[0-9a-f]{64}$`)
	phonePattern      = regexp.MustCompile(`^[0-9+() -]{3,30}$`)
)

// Bounds on an item; a real one is far inside them.
const (
	maxMaterials     = 100
	maxFees          = 20
	maxThemes        = 5
	maxDays          = 365
	defaultMaxSizeMB = 10
	capMaxSizeMB     = 100
)

// DefaultFileTypes are accepted for an electronic material that lists none.
var DefaultFileTypes = []string{"pdf", "jpg", "png"}

// Normalize trims every text and fills the defaults a department need not
// type: the process key, and the upload limits of electronic materials.
func (it *Item) Normalize() {
	for _, s := range []*string{&it.Code, &it.Name, &it.NameEn, &it.Department, &it.RegionCode, &it.RegionLevel,
		&it.LegalBasis, &it.Conditions, &it.Where, &it.Hours, &it.Phone, &it.ComplaintPhone, &it.ProcessKey,
		&it.Result.Name, &it.Result.Delivery} {
		*s = strings.TrimSpace(*s)
	}
	if it.ProcessKey == "" {
		it.ProcessKey = DefaultProcessKey
	}
	for i := range it.Materials {
		m := &it.Materials[i]
		m.Name, m.NameEn, m.Note = strings.TrimSpace(m.Name), strings.TrimSpace(m.NameEn), strings.TrimSpace(m.Note)
		if !m.Electronic {
			m.MaxSizeMB, m.FileTypes = 0, nil
			continue
		}
		if m.MaxSizeMB == 0 {
			m.MaxSizeMB = defaultMaxSizeMB
		}
		types := []string{}
		for _, t := range m.FileTypes {
			t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "."))
			if t != "" && !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		if len(types) == 0 {
			types = slices.Clone(DefaultFileTypes)
		}
		m.FileTypes = types
	}
	for i := range it.Fees {
		f := &it.Fees[i]
		f.Name, f.Standard, f.Basis = strings.TrimSpace(f.Name), strings.TrimSpace(f.Standard), strings.TrimSpace(f.Basis)
	}
	if it.Fees != nil && len(it.Fees) == 0 {
		it.Fees = nil
	}
	if it.Themes != nil && len(it.Themes) == 0 {
		it.Themes = nil
	}
}

// Validate checks everything an item can be checked for on its own (not
// whether its department exists: the catalogue does that). The error names
// the item and the field.
func (it Item) Validate() *InvalidError {
	e := it.validate()
	if e != nil {
		e.Item = it.Code
	}
	return e
}

func (it Item) validate() *InvalidError {
	if e := it.validateHeader(); e != nil {
		return e
	}
	if e := it.validateMaterials(); e != nil {
		return e
	}
	if e := it.validateHandling(); e != nil {
		return e
	}
	if e := it.validateFees(); e != nil {
		return e
	}
	if e := it.validateContact(); e != nil {
		return e
	}
	return it.Form.Check()
}

func (it Item) validateHeader() *InvalidError {
	switch {
	case !codePattern.MatchString(it.Code):
		return invalid("code", "catalog.item.code_format")
	case blank(it.Name):
		return invalid("name", "catalog.required")
	case tooLong(it.Name, 100):
		return invalid("name", "catalog.too_long", "Max", 100)
	case tooLong(it.NameEn, 200):
		return invalid("name_en", "catalog.too_long", "Max", 200)
	case !slices.Contains(Kinds, it.Kind):
		return invalid("kind", "catalog.choice")
	case blank(it.Department):
		return invalid("department", "catalog.required")
	case blank(it.LegalBasis):
		return invalid("legal_basis", "catalog.required")
	case tooLong(it.LegalBasis, 5000):
		return invalid("legal_basis", "catalog.too_long", "Max", 5000)
	case blank(it.Conditions):
		return invalid("conditions", "catalog.required")
	case tooLong(it.Conditions, 10000):
		return invalid("conditions", "catalog.too_long", "Max", 10000)
	case !slices.Contains(Audiences, it.Audience):
		return invalid("audience", "catalog.choice")
	case len(it.Themes) > maxThemes:
		return invalid("themes", "catalog.item.too_many", "Max", maxThemes)
	case !processKeyPattern.MatchString(it.ProcessKey):
		return invalid("process_key", "catalog.item.process_key_format")
	}
	for i, t := range it.Themes {
		if !slices.Contains(Themes, t) {
			return invalid("themes."+strconv.Itoa(i), "catalog.choice")
		}
		if slices.Contains(it.Themes[:i], t) {
			return invalid("themes."+strconv.Itoa(i), "catalog.item.duplicate")
		}
	}
	return nil
}

func (it Item) validateMaterials() *InvalidError {
	if len(it.Materials) > maxMaterials {
		return invalid("materials", "catalog.item.too_many", "Max", maxMaterials)
	}
	for i, m := range it.Materials {
		p := "materials." + strconv.Itoa(i) + "."
		switch {
		case blank(m.Name):
			return invalid(p+"name", "catalog.required")
		case tooLong(m.Name, 200):
			return invalid(p+"name", "catalog.too_long", "Max", 200)
		case !slices.Contains(MaterialForms, m.Form):
			return invalid(p+"form", "catalog.choice")
		case m.Copies < 1 || m.Copies > 99:
			return invalid(p+"copies", "catalog.range", "Min", 1, "Max", 99)
		case tooLong(m.Note, 1000):
			return invalid(p+"note", "catalog.too_long", "Max", 1000)
		case m.Electronic && (m.MaxSizeMB < 1 || m.MaxSizeMB > capMaxSizeMB):
			return invalid(p+"max_size_mb", "catalog.range", "Min", 1, "Max", capMaxSizeMB)
		case len(m.FileTypes) > 20:
			return invalid(p+"file_types", "catalog.item.too_many", "Max", 20)
		}
		for _, t := range m.FileTypes {
			if !fileTypePattern.MatchString(t) {
				return invalid(p+"file_types", "catalog.item.file_type_format")
			}
		}
		if s := m.Sample; s != nil {
			switch {
			case blank(s.Name) || tooLong(s.Name, 200):
				return invalid(p+"sample.name", "catalog.required")
			case !sha256Pattern.MatchString(s.SHA256):
				return invalid(p+"sample.sha256", "catalog.item.sample_missing")
			}
		}
	}
	return nil
}

func (it Item) validateHandling() *InvalidError {
	switch {
	case !slices.Contains(Modes, it.Mode):
		return invalid("mode", "catalog.choice")
	case !slices.Contains(Channels, it.Channel):
		return invalid("channel", "catalog.choice")
	case it.StatutoryDays < 0 || it.StatutoryDays > maxDays:
		return invalid("statutory_days", "catalog.range", "Min", 0, "Max", maxDays)
	case it.PromisedDays < 0 || it.PromisedDays > maxDays:
		return invalid("promised_days", "catalog.range", "Min", 0, "Max", maxDays)
	case it.Mode == ModeOnTheSpot && it.PromisedDays != 0:
		return invalid("promised_days", "catalog.item.on_the_spot_days")
	case it.Mode == ModePromised && it.PromisedDays < 1:
		return invalid("promised_days", "catalog.range", "Min", 1, "Max", maxDays)
	case it.Mode == ModePromised && it.StatutoryDays < 1:
		return invalid("statutory_days", "catalog.range", "Min", 1, "Max", maxDays)
	case it.PromisedDays > it.StatutoryDays && it.StatutoryDays > 0:
		return invalid("promised_days", "catalog.item.promised_over_statutory")
	case !slices.Contains(ResultKinds, it.Result.Kind):
		return invalid("result.kind", "catalog.choice")
	case blank(it.Result.Name):
		return invalid("result.name", "catalog.required")
	case tooLong(it.Result.Name, 200):
		return invalid("result.name", "catalog.too_long", "Max", 200)
	case it.Result.ValidityMonths < 0 || it.Result.ValidityMonths > 1200:
		return invalid("result.validity_months", "catalog.range", "Min", 0, "Max", 1200)
	}
	return nil
}

func (it Item) validateFees() *InvalidError {
	if len(it.Fees) > maxFees {
		return invalid("fees", "catalog.item.too_many", "Max", maxFees)
	}
	for i, f := range it.Fees {
		p := "fees." + strconv.Itoa(i) + "."
		switch {
		case blank(f.Name):
			return invalid(p+"name", "catalog.required")
		case blank(f.Standard):
			return invalid(p+"standard", "catalog.required")
		case blank(f.Basis):
			return invalid(p+"basis", "catalog.item.fee_basis")
		case f.AmountFen < 0 || f.AmountFen > 100_000_000_00:
			return invalid(p+"amount_fen", "catalog.range", "Min", 0, "Max", "100000000")
		}
	}
	return nil
}

func (it Item) validateContact() *InvalidError {
	switch {
	case blank(it.Where):
		return invalid("where", "catalog.required")
	case tooLong(it.Where, 500):
		return invalid("where", "catalog.too_long", "Max", 500)
	case blank(it.Hours):
		return invalid("hours", "catalog.required")
	case tooLong(it.Hours, 500):
		return invalid("hours", "catalog.too_long", "Max", 500)
	case it.Phone != "" && !phonePattern.MatchString(it.Phone):
		return invalid("phone", "catalog.item.phone_format")
	case !phonePattern.MatchString(it.ComplaintPhone):
		return invalid("complaint_phone", "catalog.item.phone_format")
	}
	return nil
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }
