// Package deptnames names departments on pages by their code, in the
// page's language: item lists and guides store only the code.
package deptnames

import (
	"context"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// Index holds every department by code.
type Index map[string]org.Department

// Load reads every department.
func Load(ctx context.Context, o *org.Org) (Index, error) {
	all, err := o.Departments(ctx, "")
	if err != nil {
		return nil, err
	}
	d := Index{}
	for _, x := range all {
		d[x.Code] = x
	}
	return d, nil
}

// Name is the department's name in lang, or the code when it is unknown.
func (d Index) Name(code, lang string) string {
	if x, ok := d[code]; ok {
		return messages.InLang(lang, x.Name, x.NameEn)
	}
	return code
}
