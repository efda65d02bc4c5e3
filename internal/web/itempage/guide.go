package itempage

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/web/deptnames"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Guide is an item's guide (办事指南) and its one-time notice sheet.
type Guide struct {
	Item      catalog.Version
	Title     string
	DeptName  string
	Materials []materialView
	Fees      []feeView
	Form      Form
	Base      string // the item's portal URL
	Query     string // "?v=N" when an old version is shown, for its links
	Old       bool   // not the version the portal shows now
	Preview   bool   // an unpublished version shown to its editors
	Printed   string // today, for the notice
	Refusal   string // why the signed-in applicant may not apply for this item, if so
}

type materialView struct {
	catalog.Material
	N         int // 1-based, as printed and in the sample URL
	Title     string
	FileTypes string
}

type feeView struct {
	catalog.Fee
	Yuan string
}

// NewGuide lays out version ver of an item for the guide and notice pages,
// printed on the day now.
func NewGuide(v *page.View, depts deptnames.Index, ver catalog.Version, now time.Time) Guide {
	d := Guide{
		Item: ver, Title: messages.InLang(v.Lang, ver.Name, ver.NameEn), DeptName: depts.Name(ver.Department, v.Lang),
		Form: NewForm(v, ver.Form, nil, nil), Base: "/items/" + ver.Code, Old: !ver.Current,
		Printed: page.Date(now),
	}
	if d.Old {
		d.Query = "?v=" + strconv.Itoa(ver.Number)
	}
	if u := v.User; u != nil && u.Role == org.RoleApplicant {
		d.Refusal = refuse.Reason(ver.Audience.Admits(u.ApplicantKind))
	}
	for i, m := range ver.Materials {
		d.Materials = append(d.Materials, materialView{Material: m, N: i + 1, Title: messages.InLang(v.Lang, m.Name, m.NameEn), FileTypes: strings.Join(m.FileTypes, ", ")})
	}
	for _, f := range ver.Fees {
		d.Fees = append(d.Fees, feeView{Fee: f, Yuan: page.Yuan(f.AmountFen)})
	}
	return d
}

// LoadGuide lays out ver as NewGuide does, naming its department from o.
func LoadGuide(ctx context.Context, o *org.Org, v *page.View, ver catalog.Version, now time.Time) (Guide, error) {
	depts, err := deptnames.Load(ctx, o)
	if err != nil {
		return Guide{}, err
	}
	return NewGuide(v, depts, ver, now), nil
}
