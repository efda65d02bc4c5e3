package admin

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/chart"
	"github.com/shenpi/shenpi/internal/web/page"
)

// flowEditorPage is the process editor: a new definition, a draft, or a published
// version that saving turns into the next draft.
type flowEditorPage struct {
	New         bool
	Key         string
	Version     int
	Status      process.Status
	Scope       string            // the scope's name, for an existing definition
	Scopes      []flowScopeOption // the choice, for a new one
	Editable    bool
	NextVersion int // the version a save writes, when it is not this one
	Newest      int // the newest version, when this is not it
	Nodes       []flowRow
	Edges       []flowRow
	Problems    []string // the publish check's, translated
	FormErrors  bool
	CheckedOK   bool
	Chart       template.HTML // drawn from what was typed
	History     []process.Info

	Roles       []string // suggestions for the role field
	DeptAliases []string // suggestions for the department field
	Kinds       []flow.Kind
	AssignKinds []string
	Modes       []string
	Rules       []string
	OnRejects   []string
	Waits       []string
	Results     []string
}

func newFlowEditorPage(form url.Values) *flowEditorPage {
	return &flowEditorPage{
		Nodes:       withBlankFlowRows(flowRows(form, "n", flowNodeFields)),
		Edges:       withBlankFlowRows(flowRows(form, "e", flowEdgeFields)),
		Roles:       []string{string(org.RoleClerk), string(org.RoleHandler), string(org.RoleReviewer), string(org.RoleApprover)},
		DeptAliases: []string{flow.DeptItem, flow.DeptLead, flow.DeptAssisting, flow.DeptAssisting + ".1", flow.DeptAssisting + ".2", flow.DeptAssisting + ".3"},
		Kinds:       flowKinds, AssignKinds: flowAssignKinds, Modes: flowModes, Rules: flowRules,
		OnRejects: flowOnRejects, Waits: flowWaits, Results: flowResults,
	}
}

func (h *Handler) renderFlowEditor(w http.ResponseWriter, r *http.Request, v *page.View, d *flowEditorPage, status int) {
	v.Data = d
	h.pages.Render(w, r, status, h.tmpl.flowEdit, v)
}

func (h *Handler) flowNew(w http.ResponseWriter, r *http.Request, u org.User) {
	v := h.pages.NewView(r)
	h.flowNewPage(w, r, u, v, newFlowEditorPage(v.Form), http.StatusOK)
}

func (h *Handler) flowNewPage(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, d *flowEditorPage, status int) {
	if !auth.CanOpenProcesses(u) {
		h.pages.Forbidden(w, r)
		return
	}
	scopes, err := h.newFlowScopes(r.Context()).options(v, u)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return
	}
	if len(scopes) == 0 {
		h.pages.Forbidden(w, r)
		return
	}
	d.New, d.Editable, d.Scopes = true, true, scopes
	h.renderFlowEditor(w, r, v, d, status)
}

// flowCreate acts on the new-process form: check, draw, save or publish.
func (h *Handler) flowCreate(w http.ResponseWriter, r *http.Request, u org.User) {
	if !auth.CanOpenProcesses(u) {
		h.pages.Forbidden(w, r)
		return
	}
	r.ParseForm()
	v := h.pages.NewView(r)
	v.Form = r.PostForm
	d := newFlowEditorPage(v.Form)
	scope, ok := parseFlowScope(v.Value("scope"))
	if !ok || !h.newFlowScopes(r.Context()).canEdit(u, scope) {
		v.Errors["scope"] = "flow.form.scope"
		h.flowNewPage(w, r, u, v, d, http.StatusUnprocessableEntity)
		return
	}
	rerender := func(status int) { h.flowNewPage(w, r, u, v, d, status) }
	if action := v.Value("action"); action == "save" || action == "publish" {
		// A new process must not overwrite another's draft by sharing its key.
		_, err := h.processes.Get(r.Context(), v.Value("key"), 0)
		if err == nil {
			v.Errors["key"] = "flow.def.key_exists"
			rerender(http.StatusUnprocessableEntity)
			return
		}
		if !errors.Is(err, process.ErrNotFound) {
			h.pages.InternalError(w, r, err)
			return
		}
	}
	h.flowSubmit(w, r, u, v, d, scope, v.Value("key"), rerender)
}

// flowEdit shows a version in the editor: editable if it is a draft, or the newest
// published version (saving then makes the next draft); read-only otherwise.
func (h *Handler) flowEdit(w http.ResponseWriter, r *http.Request, u org.User) {
	rec, d, ok := h.loadFlowVersion(w, r, u)
	if !ok {
		return
	}
	v := h.pages.NewView(r)
	v.Form = flowFormOf(rec.Definition)
	fresh := newFlowEditorPage(v.Form)
	d.Nodes, d.Edges = fresh.Nodes, fresh.Edges
	h.renderFlowEditor(w, r, v, d, http.StatusOK)
}

// flowSave acts on an existing version's form.
func (h *Handler) flowSave(w http.ResponseWriter, r *http.Request, u org.User) {
	rec, d, ok := h.loadFlowVersion(w, r, u)
	if !ok {
		return
	}
	r.ParseForm()
	v := h.pages.NewView(r)
	v.Form = r.PostForm
	v.Form.Set("key", rec.Key)
	fresh := newFlowEditorPage(v.Form)
	d.Nodes, d.Edges = fresh.Nodes, fresh.Edges
	rerender := func(status int) { h.renderFlowEditor(w, r, v, d, status) }
	if !d.Editable {
		if d.Newest != 0 {
			v.Errors["form"] = "flow.def.newer"
			rerender(http.StatusConflict)
			return
		}
		h.pages.Forbidden(w, r)
		return
	}
	h.flowSubmit(w, r, u, v, d, rec.Scope, rec.Key, rerender)
}

// loadFlowVersion finds the version in the URL and what the editor shows about it,
// answering not-found for one the user may not see.
func (h *Handler) loadFlowVersion(w http.ResponseWriter, r *http.Request, u org.User) (process.Record, *flowEditorPage, bool) {
	ctx := r.Context()
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || version < 1 {
		h.pages.NotFound(w, r)
		return process.Record{}, nil, false
	}
	rec, err := h.processes.Get(ctx, r.PathValue("key"), version)
	if errors.Is(err, process.ErrNotFound) {
		h.pages.NotFound(w, r)
		return rec, nil, false
	}
	if err != nil {
		h.pages.InternalError(w, r, err)
		return rec, nil, false
	}
	sc := h.newFlowScopes(ctx)
	if !sc.canSee(u, rec.Scope) {
		h.pages.NotFound(w, r)
		return rec, nil, false
	}
	history, err := h.processes.Versions(ctx, rec.Key)
	if err != nil {
		h.pages.InternalError(w, r, err)
		return rec, nil, false
	}
	for i := range history {
		history[i].CreatedAt, history[i].PublishedAt = history[i].CreatedAt.In(page.Zone), history[i].PublishedAt.In(page.Zone)
	}
	v := h.pages.NewView(r)
	d := newFlowEditorPage(nil)
	d.Key, d.Version, d.Status, d.History = rec.Key, rec.Version, rec.Status, history
	d.Scope = sc.label(v, rec.Scope)
	newest := history[0].Version
	if newest != rec.Version {
		d.Newest = newest
	}
	d.Editable = sc.canEdit(u, rec.Scope) && d.Newest == 0
	if rec.Status != process.StatusDraft {
		d.NextVersion = newest + 1
	}
	return rec, d, true
}

// flowSubmit does what the editor's button asked: draw or check what was typed (nothing
// is stored), save it as a draft, or check, save and publish it. A refusal re-renders
// the form as typed, with each problem beside the row it names.
func (h *Handler) flowSubmit(w http.ResponseWriter, r *http.Request, u org.User, v *page.View, d *flowEditorPage, scope process.Scope, key string, rerender func(int)) {
	ctx := r.Context()
	def, ok := flowDefinitionForm(key, v.Value("name"), d.Nodes, d.Edges)
	if !ok {
		d.FormErrors = true
		rerender(http.StatusUnprocessableEntity)
		return
	}
	action := v.Value("action")
	switch action {
	case "draw":
		d.Chart = template.HTML(flow.DrawSVG(def, nil, chart.Words(v))) // DrawSVG escapes every text it draws
		rerender(http.StatusOK)
		return
	case "check", "publish":
		problems := flow.Check(def)
		h.annotateFlowProblems(v, d, problems)
		if action == "check" {
			d.CheckedOK = len(problems) == 0
			rerender(http.StatusOK)
			return
		}
		if len(problems) > 0 {
			rerender(http.StatusUnprocessableEntity)
			return
		}
	}
	p := h.processes
	rec, err := p.SaveDraft(ctx, u.Username, scope, def)
	if err == nil && action == "publish" {
		rec, err = p.Publish(ctx, u.Username, rec.Key, rec.Version)
	}
	var (
		inv *process.InvalidError
		de  *flow.DefinitionError
	)
	switch {
	case errors.As(err, &inv):
		v.Errors[inv.Field] = inv.Key
	case errors.As(err, &de):
		h.annotateFlowProblems(v, d, de.Problems)
	case errors.Is(err, process.ErrKeyTaken):
		v.Errors["key"] = "flow.def.key_taken"
	case errors.Is(err, process.ErrConflict):
		v.Errors["form"] = "flow.def.conflict"
	case errors.Is(err, process.ErrNotDraft):
		v.Errors["form"] = "flow.def.not_draft"
	case err != nil:
		h.pages.InternalError(w, r, err)
		return
	default:
		flash := "flow.flash.saved"
		if action == "publish" {
			flash = "flow.flash.published"
		}
		h.pages.Redirect(w, r, flowVersionPath(rec.Key, rec.Version), flash)
		return
	}
	rerender(http.StatusUnprocessableEntity)
}

func flowVersionPath(key string, version int) string {
	return "/admin/processes/" + url.PathEscape(key) + "/" + strconv.Itoa(version)
}

// annotateFlowProblems translates the publish check's problems and puts each beside the
// node rows it names and the edge rows it concerns, and all of them above the form.
func (h *Handler) annotateFlowProblems(v *page.View, d *flowEditorPage, problems []flow.Problem) {
	for _, p := range problems {
		text := flowProblemText(v, p)
		d.Problems = append(d.Problems, text)
		for i := range d.Nodes {
			if p.NodeID != "" && d.Nodes[i].V("id") == p.NodeID {
				d.Nodes[i].Problems = append(d.Nodes[i].Problems, text)
			}
		}
		if p.Other == "" {
			continue
		}
		for i := range d.Edges {
			if d.Edges[i].V("from") == p.NodeID && d.Edges[i].V("to") == p.Other {
				d.Edges[i].Problems = append(d.Edges[i].Problems, text)
			}
		}
	}
}

// flowProblemText translates a problem by its code, naming the node.
func flowProblemText(v *page.View, p flow.Problem) string {
	key := "flow.problem." + p.Code
	if text := v.T(key, "Node", p.NodeID, "Other", p.Other); text != key {
		return text
	}
	return v.T("flow.problem.other", "Code", p.Code)
}
