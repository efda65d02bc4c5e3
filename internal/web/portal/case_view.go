package portal

import (
	"context"
	"errors"
	"html/template"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
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
	Materials     []itempage.Material
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

// newCaseData gathers what the case's pages show: the item version it was
// applied under, the acceptance due date and the dated steps.
func (h *Handler) newCaseData(ctx context.Context, v *page.View, cs casework.Case) (caseData, error) {
	d := caseData{Case: cs, Title: cs.ItemName, Submitted: page.Time(cs.SubmittedAt), Updated: page.Time(cs.UpdatedAt),
		Withdrawable: !cs.Status.Decided()}
	ver, err := h.Catalog.Version(ctx, cs.ItemCode, cs.ItemVersion)
	if err != nil {
		return d, err
	}
	d.Title, d.Phone, d.Where = messages.InLang(v.Lang, ver.Name, ver.NameEn), ver.Phone, ver.Where
	d.Materials = itempage.NewApplication(v, ver, nil, cs.Materials, nil).Materials
	if u, err := h.Org.User(ctx, cs.ApplicantID); err == nil {
		d.Applicant = u.DisplayName
	}
	p, err := h.Casework.Lookup(ctx, cs.Number, cs.QueryCode)
	if err != nil {
		return d, err
	}
	d.AcceptanceDue = page.Date(p.AcceptanceDue)
	d.Steps = stepViews(p)
	return d, nil
}

// caseChart draws the process a case runs through, its steps marked done, current or
// pending; nothing before the case has a process. The instance of a case's process has
// the case's number for its id.
func (h *Handler) caseChart(ctx context.Context, v *page.View, n casework.Number) (template.HTML, error) {
	inst, err := h.Processes.Instance(ctx, string(n))
	if errors.Is(err, process.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	def, err := h.Processes.InstanceDefinition(ctx, inst)
	if err != nil {
		return "", err
	}
	return template.HTML(flow.DrawSVG(def, &inst.State, chart.Public(v))), nil // DrawSVG escapes every text it draws
}

func stepViews(p casework.Progress) []stepView {
	out := make([]stepView, 0, len(p.Steps))
	for _, st := range p.Steps {
		out = append(out, stepView{Type: st.Type, At: page.Time(st.At)})
	}
	return out
}
