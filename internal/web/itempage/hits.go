package itempage

import (
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Hit is a found item as a list shows it.
type Hit struct {
	catalog.Hit
	Title    string
	DeptName string
}

// Hits lays out found items in the page's language.
func Hits(v *page.View, depts deptnames.Index, hits []catalog.Hit) []Hit {
	out := make([]Hit, 0, len(hits))
	for _, h := range hits {
		out = append(out, Hit{Hit: h, Title: messages.InLang(v.Lang, h.Name, h.NameEn), DeptName: depts.Name(h.Department, v.Lang)})
	}
	return out
}
