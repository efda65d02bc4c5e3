package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// portalZone is China Standard Time, for the dates printed on pages; China
// has one zone and no daylight saving.
var portalZone = time.FixedZone("CST", 8*3600)

// guideData is an item's guide (办事指南) and its one-time notice sheet.
type guideData struct {
	Item      catalog.Version
	Title     string
	DeptName  string
	Materials []materialView
	Fees      []feeView
	Form      formView
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

// guide lays out version ver of an item for the guide and notice pages.
func (s *Server) guide(r *http.Request, v *view, ver catalog.Version) (guideData, error) {
	depts, err := s.departmentIndex(r.Context())
	if err != nil {
		return guideData{}, err
	}
	d := guideData{
		Item: ver, Title: inLang(v.Lang, ver.Name, ver.NameEn), DeptName: depts.name(ver.Department, v.Lang),
		Form: newFormView(v, ver.Form, nil, nil), Base: "/items/" + ver.Code, Old: !ver.Current,
		Printed: s.cfg.Now().In(portalZone).Format("2006-01-02"),
	}
	if d.Old {
		d.Query = "?v=" + strconv.Itoa(ver.Number)
	}
	if u := v.User; u != nil && u.Role == org.RoleApplicant {
		d.Refusal = refuse.Reason(ver.Audience.Admits(u.ApplicantKind))
	}
	for i, m := range ver.Materials {
		d.Materials = append(d.Materials, materialView{Material: m, N: i + 1, Title: inLang(v.Lang, m.Name, m.NameEn), FileTypes: strings.Join(m.FileTypes, ", ")})
	}
	for _, f := range ver.Fees {
		d.Fees = append(d.Fees, feeView{Fee: f, Yuan: yuan(f.AmountFen)})
	}
	return d, nil
}

// portalItem is the guide of a published item (办事指南).
func (s *Server) portalItem(w http.ResponseWriter, r *http.Request) {
	s.renderGuide(w, r, "portal_item")
}

// portalNotice is the printable one-time notice (一次性告知单): everything an
// applicant must bring, on one page.
func (s *Server) portalNotice(w http.ResponseWriter, r *http.Request) {
	s.renderGuide(w, r, "portal_notice")
}

func (s *Server) renderGuide(w http.ResponseWriter, r *http.Request, page string) {
	ver, err := s.lookupItem(r)
	if s.refused(w, r, err) {
		return
	}
	v := s.newView(r)
	d, err := s.guide(r, v, ver)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Data = d
	s.render(w, r, http.StatusOK, page, v)
}

// portalSample downloads the sample of material n (from 1).
func (s *Server) portalSample(w http.ResponseWriter, r *http.Request) {
	ver, err := s.lookupItem(r)
	if s.refused(w, r, err) {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	ref, data, err := s.itemCatalog().Sample(r.Context(), ver, n-1)
	if s.refused(w, r, err) {
		return
	}
	w.Header().Set("Content-Type", ref.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ref.Name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "public, max-age=86400, immutable")
	w.Write(data)
}
