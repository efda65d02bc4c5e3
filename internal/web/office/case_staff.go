package office

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/tasks"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/itempage"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// caseStaffPage is a case as staff and supervisors read it: the application, the
// materials, the chart with the current step, the timeline, the opinions, the clocks,
// and the actions the reader may take now (none for a supervisor).
type caseStaffPage struct {
	tasks.CaseView
	Title       string
	Received    string
	Status      string // the process's state: running, suspended, ended
	Application itempage.Application
	Chart       template.HTML
	Timeline    []timelineRow
	Opinions    []opinionRow
	Clocks      []clockRow
	Request     string // this page's request id: a form sent twice acts once
	Handling    handlingSection
}

type timelineRow struct {
	At, Who, What, Detail string
}

type opinionRow struct {
	tasks.Opinion
	Who, At, Status string
	Mine            bool // the reader wrote it and may ask to correct it
}

type clockRow struct {
	Name, Due, Left, Class string
}

func (h *Handler) caseStaff(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	h.caseStaffRender(w, r, u, v, http.StatusOK)
}

// caseStaffRender shows the page; a case the reader may not read is not found.
func (h *Handler) caseStaffRender(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, status int) {
	n, err := apply.CaseNumber(r)
	if h.pages.Refused(w, r, err) {
		return
	}
	ctx := r.Context()
	cv, err := h.tasks.Case(ctx, u, n)
	if h.pages.Refused(w, r, err) {
		return
	}
	d := caseStaffPage{CaseView: cv, Title: cv.Case.ItemName, Received: page.Time(cv.Case.SubmittedAt), Request: rand.Text()}
	if ver, err := h.Catalog.Version(ctx, cv.Case.ItemCode, cv.Case.ItemVersion); err == nil {
		d.Title = messages.InLang(v.Lang, ver.Name, ver.NameEn)
		d.Application = itempage.NewApplication(v, ver, catalog.Values(cv.Case.Form), cv.Case.Materials, nil)
	}
	if cv.Instance != nil {
		d.Status = cv.Instance.State.Status
		d.Chart = template.HTML(flow.DrawSVG(cv.Definition, &cv.Instance.State, chart.Words(v))) // DrawSVG escapes every text it draws
	}
	nodeNames := map[string]string{}
	for _, e := range cv.Tasks {
		nodeNames[e.Node] = e.NodeName
	}
	for _, ev := range cv.Events {
		d.Timeline = append(d.Timeline, timelineRow{At: page.Time(ev.At), Who: cv.Names[ev.Actor], What: eventWords(v, ev.Type),
			Detail: eventDetail(v, ev.Payload, nodeNames, cv.Names)})
	}
	for _, o := range cv.Opinions {
		d.Opinions = append(d.Opinions, opinionRow{Opinion: o, Who: cv.Names[o.Author], At: page.Time(o.At),
			Status: v.T("task.opinion." + "status." + o.Status),
			Mine:   !cv.ReadOnly && o.Author == u.Username && (o.Status == tasks.OpinionSigned || o.Status == tasks.CorrectionEffective)})
	}
	d.Clocks = clockRows(v, cv, nodeNames)
	if d.Handling, err = h.handlingSection(ctx, v, u, n); err != nil && !errors.Is(err, refuse.ErrNotFound) {
		h.pages.InternalError(w, r, err)
		return
	}
	v.Data = d
	w.Header().Set("Content-Security-Policy", casePagePolicy)
	h.pages.Render(w, r, status, h.tmpl.caseStaff, v)
}

// casePagePolicy lets the page embed the case's own materials and nothing else run:
// the page has no script of its own.
const casePagePolicy = "default-src 'self'; script-src 'self'; object-src 'self'; frame-src 'self'; img-src 'self' data:; " +
	"style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// eventWords names an event for staff: the applicant's words where casework has them,
// the office's for the steps of handling, the type itself for anything else.
func eventWords(v *page.View, typ string) string {
	for _, key := range []string{"task.event." + typ, "case.event." + typ} {
		if s := v.T(key); s != key {
			return s
		}
	}
	return typ
}

// eventDetail is what an event's payload says worth showing: the step, the outcome,
// the reason or opinion, whom a task went to.
func eventDetail(v *page.View, payload []byte, nodes, names map[string]string) string {
	var p struct {
		Node, Outcome, Opinion, Reason, To, Step string
		ToNode                                   string `json:"to_node"`
	}
	if json.Unmarshal(payload, &p) != nil {
		return ""
	}
	var parts []string
	if name := nodes[p.Node]; name != "" {
		parts = append(parts, name)
	} else if p.Step != "" {
		parts = append(parts, p.Step)
	}
	if p.Outcome != "" {
		parts = append(parts, outcomeWords(v, p.Outcome))
	}
	if p.To != "" {
		parts = append(parts, "→ "+names[p.To])
	}
	if name := nodes[p.ToNode]; name != "" {
		parts = append(parts, "→ "+name)
	}
	for _, s := range []string{p.Reason, p.Opinion} {
		if s != "" {
			parts = append(parts, "“"+s+"”")
		}
	}
	return strings.Join(parts, " · ")
}

// outcomeWords names an outcome: approve and reject in the reader's words, a custom one
// as the process names it.
func outcomeWords(v *page.View, outcome string) string {
	key := "flow.chart.outcome." + outcome
	if s := v.T(key); s != key {
		return s
	}
	return outcome
}

// clockRows are the case's running clocks: the case's own limits first, then each open
// step's.
func clockRows(v *page.View, cv tasks.CaseView, nodes map[string]string) []clockRow {
	var out []clockRow
	steps := map[string]string{}
	for _, e := range cv.Tasks {
		steps[process.StepPurpose(e.TaskID)] = e.NodeName
	}
	for key, st := range cv.Clocks {
		if !st.Running {
			continue
		}
		// A step's clock is named by its step; the case's own by their purpose.
		step, isStep := steps[key.Purpose]
		name := key.Purpose
		if isStep {
			name = v.T("task.clock.step", "Step", step)
		} else if s := v.T("task.clock." + key.Purpose); s != "task.clock."+key.Purpose {
			name = s
		}
		row := clockRow{Name: name, Due: page.Time(st.Due)}
		row.Left, row.Class = timeLeft(v, &st)
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
