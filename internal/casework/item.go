package casework

import (
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
)

// ItemOf is a published catalogue version as an application sees it: the department's
// region numbers the case and picks its calendar, the material list carries the upload
// limits, and the catalogue's form definition checks the answers. dept is the item's
// department and region that department's region.
func ItemOf(ver catalog.Version, dept org.Department, region org.Region) ItemVersion {
	form := ver.Form
	item := ItemVersion{
		Code: ver.Code, Version: ver.Number, Name: ver.Name, DepartmentID: dept.ID,
		RegionCode: region.Code, RegionPath: region.Path,
		Audience: ver.Audience, Withdrawn: ver.Open() != nil,
		Validate: func(f Form) map[string]FormProblem {
			out := map[string]FormProblem{}
			for path, p := range form.Validate(catalog.Values(f)) {
				out[path] = FormProblem{Key: p.Key, Args: p.Args}
			}
			return out
		},
	}
	for _, m := range ver.Materials {
		item.Materials = append(item.Materials, MaterialRule{
			Name: m.Name, MaxBytes: int64(m.MaxSizeMB) << 20, Types: m.FileTypes,
			// A material only handed in on paper is brought to the window; an
			// online application cannot lack it.
			Required:  m.Required && m.Electronic,
			PaperOnly: !m.Electronic,
		})
	}
	return item
}
