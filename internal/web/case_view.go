package web

import (
	"context"
	"errors"
	"html/template"
	"time"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
)

// caseData is a case as its applicant sees it, on its page and on the
// receipt (接件凭证).
type caseData struct {
	casework.Case
	Title         string
	Applicant     string
	Submitted     string
	Updated       string
	AcceptanceDue string
	Materials     []applyMaterial
	Phone         string
	Where         string
	Steps         []stepView
	Withdrawable  bool
	Chart         template.HTML // the case's run through its process, once handling has begun (case page only)
}

type stepView struct {
	Type string
	At   string
}

func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(portalZone).Format("2006-01-02 15:04")
}

// newCaseData gathers what the case's pages show: the item version it was
// applied under, the acceptance due date and the dated steps.
func (s *Server) newCaseData(ctx context.Context, v *view, cs casework.Case) (caseData, error) {
	d := caseData{Case: cs, Title: cs.ItemName, Submitted: localTime(cs.SubmittedAt), Updated: localTime(cs.UpdatedAt),
		Withdrawable: !cs.Status.Decided()}
	ver, err := s.itemCatalog().Version(ctx, cs.ItemCode, cs.ItemVersion)
	if err != nil {
		return d, err
	}
	d.Title, d.Phone, d.Where = inLang(v.Lang, ver.Name, ver.NameEn), ver.Phone, ver.Where
	d.Materials = newApplication(v, ver, nil, cs.Materials, nil).Materials
	if u, err := s.cfg.Org.User(ctx, cs.ApplicantID); err == nil {
		d.Applicant = u.DisplayName
	}
	p, err := s.cfg.Casework.Lookup(ctx, cs.Number, cs.QueryCode)
	if err != nil {
		return d, err
	}
	d.AcceptanceDue = dateOf(p.AcceptanceDue)
	d.Steps = stepViews(p)
	return d, nil
}

// caseChart draws the process a case runs through, its steps marked done, current or
// pending; nothing before the case has a process. The instance of a case's process has
// the case's number for its id.
func (s *Server) caseChart(ctx context.Context, v *view, n casework.Number) (template.HTML, error) {
	inst, err := s.processes().Instance(ctx, string(n))
	if errors.Is(err, process.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	def, err := s.processes().InstanceDefinition(ctx, inst)
	if err != nil {
		return "", err
	}
	return template.HTML(flow.DrawSVG(def, &inst.State, chartWords(v))), nil // DrawSVG escapes every text it draws
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(portalZone).Format("2006-01-02")
}

func stepViews(p casework.Progress) []stepView {
	out := make([]stepView, 0, len(p.Steps))
	for _, st := range p.Steps {
		out = append(out, stepView{Type: st.Type, At: localTime(st.At)})
	}
	return out
}

// itemTitle names a case's item in the page's language.
func (s *Server) itemTitle(ctx context.Context, v *view, code string, n int, fallback string) string {
	if ver, err := s.itemCatalog().Version(ctx, code, n); err == nil {
		return inLang(v.Lang, ver.Name, ver.NameEn)
	}
	return fallback
}
