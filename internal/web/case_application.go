package web

import (
	"fmt"
	"io"
	"mime/multipart"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
)

// applicationData is an application being written, online as a draft or
// at a window: the item's form with what was typed, each material with
// its files, and every problem beside the field or material it concerns.
type applicationData struct {
	Title     string
	ItemCode  string
	ItemBase  string // the guide of the version applied under
	Action    string
	DraftID   string
	Form      formView
	Materials []applyMaterial
	Problems  int
	Window    bool
	IDNumber  string // window: the applicant's resident ID number
	IDProblem string
	Updated   string
	General   string // a problem with the whole request, e.g. too large
}

type applyMaterial struct {
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

// newApplication lays out an application of ver with values, files and
// problems.
func newApplication(v *view, ver catalog.Version, values catalog.Values, files []casework.Material, inv *casework.InvalidError) applicationData {
	var problems map[string]catalog.Problem
	count := 0
	if inv != nil {
		problems = map[string]catalog.Problem{}
		for path, p := range inv.Fields {
			problems[path] = catalog.Problem{Key: p.Key, Args: p.Args}
		}
		count = len(inv.Fields) + len(inv.Materials)
	}
	d := applicationData{
		Title: inLang(v.Lang, ver.Name, ver.NameEn), ItemCode: ver.Code,
		ItemBase: fmt.Sprintf("/items/%s?v=%d", ver.Code, ver.Number),
		Form:     newFormView(v, ver.Form, values, problems), Problems: count,
	}
	for i, m := range ver.Materials {
		am := applyMaterial{Slot: i, N: i + 1, Title: inLang(v.Lang, m.Name, m.NameEn), Required: m.Required, Electronic: m.Electronic,
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

// postedFile is one file chosen for a material slot.
type postedFile struct {
	slot     int
	filename string
	data     []byte
}

// postedFiles reads the files of the inputs named m.N (N the material's
// slot) of a multipart form; a file input left empty sends nothing.
func postedFiles(form *multipart.Form, slots int) ([]postedFile, error) {
	var out []postedFile
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
			out = append(out, postedFile{slot: i, filename: fh.Filename, data: data})
		}
	}
	return out, nil
}
