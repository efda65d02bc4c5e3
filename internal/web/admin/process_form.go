package admin

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shenpi/shenpi/internal/flow"
)

// The process editor is one HTML form. Nodes are rows n.N.FIELD and edges rows e.N.FIELD;
// a row left empty is dropped, so the page can offer empty rows to fill in without
// JavaScript. A countersign's parties are one text field, a party a line.

var (
	flowNodeFields = []string{"id", "kind", "name", "a_kind", "role", "dept", "user", "same_as", "parties",
		"mode", "rule", "rule_n", "ratio", "on_reject", "wait", "wait_n", "max_rounds", "limit_days", "result"}
	flowEdgeFields = []string{"from", "to", "on", "cond", "default", "order"}

	flowKinds       = []flow.Kind{flow.KindStart, flow.KindTask, flow.KindCountersign, flow.KindSplit, flow.KindJoin, flow.KindChoice, flow.KindEnd}
	flowAssignKinds = []string{flow.AssignRole, flow.AssignUser, flow.AssignSameAs}
	flowModes       = []string{flow.ModeParallel, flow.ModeSequential}
	flowRules       = []string{flow.RuleAll, flow.RuleAny, flow.RuleAtLeast, flow.RuleRatio}
	flowOnRejects   = []string{flow.OnRejectFail, flow.OnRejectContinue}
	flowWaits       = []string{flow.WaitAll, flow.WaitFirst}
	flowResults     = []string{flow.ResultApproved, flow.ResultRefused, flow.ResultWithdrawn}
)

// flowBlankRows is how many empty node and edge rows the editor offers.
const flowBlankRows = 3

// flowRow is one node or edge row of the editor: its number, what was typed, the
// problems of its fields and the publish check's problems about it.
type flowRow struct {
	N        int
	Values   map[string]string
	Errors   map[string]string // field → message key
	Problems []string          // translated
	blank    bool              // offered to fill in; not part of the definition
}

// V returns a field's value.
func (r flowRow) V(field string) string { return r.Values[field] }

// Name returns the form name of a field of the row.
func (r flowRow) Name(prefix, field string) string {
	return prefix + "." + strconv.Itoa(r.N) + "." + field
}

// Advanced reports whether the row uses a setting the editor folds away.
func (r flowRow) Advanced() bool {
	for _, f := range []string{"parties", "mode", "rule", "rule_n", "ratio", "on_reject", "wait", "wait_n", "max_rounds"} {
		if r.Values[f] != "" {
			return true
		}
	}
	for f := range r.Errors {
		if f != "limit_days" {
			return true
		}
	}
	return false
}

// flowRows reads the rows of one kind (prefix "n" or "e") from a form, in number order,
// leaving out empty ones.
func flowRows(form url.Values, prefix string, fields []string) []flowRow {
	seen := map[int]bool{}
	for k := range form {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(num); err == nil && n >= 0 && n < 1000 {
			seen[n] = true
		}
	}
	var rows []flowRow
	for _, n := range slices.Sorted(func(yield func(int) bool) {
		for n := range seen {
			if !yield(n) {
				return
			}
		}
	}) {
		row := flowRow{N: n, Values: map[string]string{}, Errors: map[string]string{}}
		empty := true
		for _, f := range fields {
			val := strings.TrimSpace(form.Get(prefix + "." + strconv.Itoa(n) + "." + f))
			row.Values[f] = val
			if val != "" && f != "kind" && f != "a_kind" {
				empty = false
			}
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	return rows
}

// withBlankFlowRows renumbers rows from 0 and adds empty ones to fill in.
func withBlankFlowRows(rows []flowRow) []flowRow {
	for i := range rows {
		rows[i].N = i
	}
	for range flowBlankRows {
		rows = append(rows, flowRow{N: len(rows), Values: map[string]string{}, Errors: map[string]string{}, blank: true})
	}
	return rows
}

// flowDefinitionForm reads a definition from the editor's rows. A field that cannot be
// read (a number, a party) is marked on its row and the definition is nil.
func flowDefinitionForm(key, name string, nodes, edges []flowRow) (*flow.Definition, bool) {
	def := &flow.Definition{Key: key, Name: name, Nodes: []flow.Node{}, Edges: []flow.Edge{}}
	ok := true
	num := func(row *flowRow, field string) int {
		s := row.Values[field]
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			row.Errors[field] = "flow.form.number"
			ok = false
		}
		return n
	}
	for i := range nodes {
		row := &nodes[i]
		if row.blank {
			continue
		}
		v := row.Values
		n := flow.Node{ID: v["id"], Kind: flow.Kind(v["kind"]), Name: v["name"], Mode: v["mode"], OnReject: v["on_reject"],
			Wait: v["wait"], Result: v["result"]}
		n.N = num(row, "wait_n")
		n.MaxRounds = num(row, "max_rounds")
		n.LimitDays = num(row, "limit_days")
		if v["a_kind"] != "" {
			n.Assignee = &flow.Assignee{Kind: v["a_kind"]}
			switch v["a_kind"] {
			case flow.AssignRole:
				n.Assignee.Role, n.Assignee.Department = v["role"], v["dept"]
			case flow.AssignUser:
				n.Assignee.User = v["user"]
			case flow.AssignSameAs:
				n.Assignee.Node = v["same_as"]
			}
		}
		for line := range strings.Lines(v["parties"]) {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			p, good := parseFlowParty(line)
			if !good {
				row.Errors["parties"] = "flow.form.party"
				ok = false
			}
			n.Parties = append(n.Parties, p)
		}
		if v["rule"] != "" {
			n.Completion = &flow.Completion{Rule: v["rule"], N: num(row, "rule_n")}
			if s := v["ratio"]; s != "" {
				ratio, err := strconv.ParseFloat(s, 64)
				if err != nil {
					row.Errors["ratio"] = "flow.form.ratio"
					ok = false
				}
				n.Completion.Ratio = ratio
			}
		}
		def.Nodes = append(def.Nodes, n)
	}
	for i := range edges {
		row := &edges[i]
		if row.blank {
			continue
		}
		v := row.Values
		def.Edges = append(def.Edges, flow.Edge{From: v["from"], To: v["to"], On: v["on"], Condition: v["cond"],
			Default: v["default"] != "", Order: num(row, "order")})
	}
	if !ok {
		return nil, false
	}
	return def, true
}

// parseFlowParty reads one countersign party: role:ROLE@DEPARTMENT, user:NAME or
// same_as:NODE.
func parseFlowParty(line string) (flow.Assignee, bool) {
	kind, rest, _ := strings.Cut(line, ":")
	kind, rest = strings.TrimSpace(kind), strings.TrimSpace(rest)
	switch kind {
	case flow.AssignRole:
		role, dept, found := strings.Cut(rest, "@")
		role, dept = strings.TrimSpace(role), strings.TrimSpace(dept)
		return flow.Assignee{Kind: kind, Role: role, Department: dept}, found && role != "" && dept != ""
	case flow.AssignUser:
		return flow.Assignee{Kind: kind, User: rest}, rest != ""
	case flow.AssignSameAs:
		return flow.Assignee{Kind: kind, Node: rest}, rest != ""
	}
	return flow.Assignee{Kind: kind}, false
}

func formatFlowParty(a flow.Assignee) string {
	switch a.Kind {
	case flow.AssignRole:
		return a.Kind + ":" + a.Role + "@" + a.Department
	case flow.AssignUser:
		return a.Kind + ":" + a.User
	}
	return a.Kind + ":" + a.Node
}

// flowFormOf writes a definition into the editor's form fields.
func flowFormOf(def *flow.Definition) url.Values {
	form := url.Values{"key": {def.Key}, "name": {def.Name}}
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for i, n := range def.Nodes {
		set := func(f, v string) { form.Set("n."+strconv.Itoa(i)+"."+f, v) }
		set("id", n.ID)
		set("kind", string(n.Kind))
		set("name", n.Name)
		if a := n.Assignee; a != nil {
			set("a_kind", a.Kind)
			set("role", a.Role)
			set("dept", a.Department)
			set("user", a.User)
			set("same_as", a.Node)
		}
		var parties []string
		for _, p := range n.Parties {
			parties = append(parties, formatFlowParty(p))
		}
		set("parties", strings.Join(parties, "\n"))
		set("mode", n.Mode)
		if c := n.Completion; c != nil {
			set("rule", c.Rule)
			set("rule_n", itoa(c.N))
			if c.Ratio != 0 {
				set("ratio", strconv.FormatFloat(c.Ratio, 'f', -1, 64))
			}
		}
		set("on_reject", n.OnReject)
		set("wait", n.Wait)
		set("wait_n", itoa(n.N))
		set("max_rounds", itoa(n.MaxRounds))
		set("limit_days", itoa(n.LimitDays))
		set("result", n.Result)
	}
	for i, e := range def.Edges {
		set := func(f, v string) { form.Set("e."+strconv.Itoa(i)+"."+f, v) }
		set("from", e.From)
		set("to", e.To)
		set("on", e.On)
		set("cond", e.Condition)
		if e.Default {
			set("default", "1")
		}
		set("order", itoa(e.Order))
	}
	return form
}
