package itempage

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Application is an application being written, online as a draft or
// at a window: the item's form with what was typed, each material with
// its files, and every problem beside the field or material it concerns.
type Application struct {
	Title     string
	ItemCode  string
	ItemBase  string // the guide of the version applied under
	Action    string
	DraftID   string
	Form      Form
	Materials []Material
	Problems  int
	Window    bool
	IDNumber  string // window: the applicant's resident ID number
	IDProblem string
	Updated   string
	General   string // a problem with the whole request, e.g. too large
}

type Material struct {
	Slot       int
	N          int
	Title      string
	Required   bool
	Electronic bool
	Types      string
	MaxMB      int
	Files      []fileView
	Problem    string
}

type fileView struct {
	casework.Material
	Remove string // the value of its remove button: slot:sha
	Size   string
}

// NewApplication lays out an application of ver with values, files and
// problems.
func NewApplication(v *page.View, ver catalog.Version, values catalog.Values, files []casework.Material, inv *casework.InvalidError) Application {
	var problems map[string]catalog.Problem
	count := 0
	if inv != nil {
		problems = map[string]catalog.Problem{}
		for path, p := range inv.Fields {
			problems[path] = catalog.Problem{Key: p.Key, Args: p.Args}
		}
		count = len(inv.Fields) + len(inv.Materials)
	}
	d := Application{
		Title: messages.InLang(v.Lang, ver.Name, ver.NameEn), ItemCode: ver.Code,
		ItemBase: fmt.Sprintf("/items/%s?v=%d", ver.Code, ver.Number),
		Form:     NewForm(v, ver.Form, values, problems), Problems: count,
	}
	for i, m := range ver.Materials {
		am := Material{Slot: i, N: i + 1, Title: messages.InLang(v.Lang, m.Name, m.NameEn), Required: m.Required, Electronic: m.Electronic,
			Types: strings.Join(m.FileTypes, ", "), MaxMB: m.MaxSizeMB}
		if am.Types == "" {
			am.Types = "pdf, jpg, png"
		}
		if am.MaxMB == 0 {
			am.MaxMB = 10
		}
		for _, f := range files {
			if f.Slot == i {
				am.Files = append(am.Files, fileView{Material: f, Remove: fmt.Sprintf("%d:%s", i, f.SHA256), Size: byteSize(f.Size)})
			}
		}
		if inv != nil {
			if key, ok := inv.Materials[i]; ok {
				am.Problem = v.T(key, "Types", am.Types, "Size", am.MaxMB)
			}
		}
		d.Materials = append(d.Materials, am)
	}
	if inv != nil {
		if key, ok := inv.Materials[-1]; ok {
			d.General = v.T(key)
		}
	}
	return d
}

// byteSize says how large a file is, for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+1023)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// PostedFile is one file chosen for a material slot.
type PostedFile struct {
	Slot     int
	Filename string
	Data     []byte
}

// PostedFiles reads the files of the inputs named m.N (N the material's
// slot) of a multipart form; a file input left empty sends nothing.
func PostedFiles(form *multipart.Form, slots int) ([]PostedFile, error) {
	var out []PostedFile
	if form == nil {
		return nil, nil
	}
	for i := range slots {
		for _, fh := range form.File["m."+strconv.Itoa(i)] {
			if fh.Filename == "" && fh.Size == 0 {
				continue
			}
			f, err := fh.Open()
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, err
			}
			out = append(out, PostedFile{Slot: i, Filename: fh.Filename, Data: data})
		}
	}
	return out, nil
}

// Titles names the item versions of a page of rows in the page's language,
// in one read for the whole page; a version that cannot be read is named by
// fallback(ref), the name the row recorded.
func Titles(ctx context.Context, c *catalog.Catalog, v *page.View, refs []catalog.VersionRef) (func(ref catalog.VersionRef, fallback string) string, error) {
	names, err := c.NamesOf(ctx, refs)
	if err != nil {
		return nil, err
	}
	return func(ref catalog.VersionRef, fallback string) string {
		if n, ok := names[ref]; ok {
			return messages.InLang(v.Lang, n.Name, n.NameEn)
		}
		return fallback
	}, nil
}

// Title names an item's version in the page's language, or fallback when
// the version cannot be read.
func Title(ctx context.Context, c *catalog.Catalog, v *page.View, code string, n int, fallback string) string {
	if ver, err := c.Version(ctx, code, n); err == nil {
		return messages.InLang(v.Lang, ver.Name, ver.NameEn)
	}
	return fallback
}
