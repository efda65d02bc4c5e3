package flow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Kind is the kind of a node in a process definition.
type Kind string

// Node kinds.
const (
	KindStart       Kind = "start"
	KindTask        Kind = "task"        // one step handled by one person (or one of a role)
	KindCountersign Kind = "countersign" // 会签: several parties sign, in parallel or in turn
	KindSplit       Kind = "split"       // 分支: every outgoing edge is taken
	KindJoin        Kind = "join"        // 汇聚: waits for the branches of its split
	KindChoice      Kind = "choice"      // exclusive choice on a condition
	KindEnd         Kind = "end"         // 办结: ends the whole case
)

// Assignee kinds.
const (
	AssignRole   = "role"    // holders of a role in a department
	AssignUser   = "user"    // one named user
	AssignSameAs = "same_as" // whoever handled an earlier task node
)

// Department aliases resolved against the case's Departments.
const (
	DeptItem      = "item"      // the item's responsible department
	DeptLead      = "lead"      // 主办 in joint approval (falls back to item)
	DeptAssisting = "assisting" // 协办: "assisting" or "assisting.N" (1-based)
)

// Countersign modes, completion rules and reject policies.
const (
	ModeParallel   = "parallel"
	ModeSequential = "sequential"

	RuleAll     = "all"
	RuleAny     = "any"
	RuleAtLeast = "atleast"
	RuleRatio   = "ratio"

	OnRejectFail     = "fail"
	OnRejectContinue = "continue"
)

// Join wait policies.
const (
	WaitAll   = "all"
	WaitFirst = "first"
)

// End results; Terminate accepts the same values.
const (
	ResultApproved  = "approved"
	ResultRefused   = "refused"
	ResultWithdrawn = "withdrawn"
)

// Outcomes with a meaning to the engine. Any other non-empty outcome is custom.
const (
	OutcomeApprove = "approve"
	OutcomeReject  = "reject"
	OutcomeReturn  = "return"
	OutcomeSkipped = "skipped"
)

// Definition is one version of an approval process. It is immutable once published; a
// case keeps the version it started on.
type Definition struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Version int    `json:"version"`
	Nodes   []Node `json:"nodes"`
	Edges   []Edge `json:"edges"`
}

// Node is one step of a process. Which fields matter depends on Kind.
type Node struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Name string `json:"name,omitempty"`

	// task
	Assignee *Assignee `json:"assignee,omitempty"`
	// task and countersign: step time limit in working days (0 = none).
	LimitDays int `json:"limit_days,omitempty"`

	// countersign
	Parties    []Assignee  `json:"parties,omitempty"`
	Mode       string      `json:"mode,omitempty"`
	Completion *Completion `json:"completion,omitempty"`
	OnReject   string      `json:"on_reject,omitempty"`

	// join
	Wait string `json:"wait,omitempty"`
	N    int    `json:"n,omitempty"`

	// end
	Result string `json:"result,omitempty"`

	// MaxRounds caps how often a case may enter this node (0 = no cap). Entering it once
	// more ends the case as refused (see Apply).
	MaxRounds int `json:"max_rounds,omitempty"`

	// DistinctFrom (task and countersign) names steps whose handlers may not act on
	// this one: the same person cannot approve what they handled (see distinct.go).
	DistinctFrom []string `json:"distinct_from,omitempty"`
}

// Assignee says who handles a task or is a party to a countersign.
type Assignee struct {
	Kind       string `json:"kind"`
	Role       string `json:"role,omitempty"`
	Department string `json:"department,omitempty"`
	User       string `json:"user,omitempty"`
	Node       string `json:"node,omitempty"`
}

// Completion says when a countersign is complete. Ratio needs ⌈Ratio × parties⌉
// approvals, so 0.66 of 3 parties is 2.
type Completion struct {
	Rule  string  `json:"rule"`
	N     int     `json:"n,omitempty"`
	Ratio float64 `json:"ratio,omitempty"`
}

// Edge connects two nodes. Out of a task or countersign, On selects the edge by outcome
// and an edge with empty On takes every other outcome. Out of a choice, Condition is an
// expr expression evaluated in Order; the Default edge is taken when none holds.
type Edge struct {
	From      string `json:"from"`
	To        string `json:"to"`
	On        string `json:"on,omitempty"`
	Condition string `json:"condition,omitempty"`
	Default   bool   `json:"default,omitempty"`
	Order     int    `json:"order,omitempty"`
}

// ErrMalformedDefinition is returned by ParseDefinition for input that is not a definition.
var ErrMalformedDefinition = errors.New("flow: malformed definition")

// ParseDefinition decodes a definition from JSON, refusing unknown fields and trailing
// data. It checks syntax only; Check decides whether the process may be published.
func ParseDefinition(data []byte) (*Definition, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var def Definition
	if err := dec.Decode(&def); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedDefinition, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: trailing data after the definition", ErrMalformedDefinition)
	}
	return &def, nil
}

// node returns the first node with the given id, or nil.
func (d *Definition) node(id string) *Node {
	for i := range d.Nodes {
		if d.Nodes[i].ID == id {
			return &d.Nodes[i]
		}
	}
	return nil
}

func (k Kind) valid() bool {
	switch k {
	case KindStart, KindTask, KindCountersign, KindSplit, KindJoin, KindChoice, KindEnd:
		return true
	}
	return false
}

// hasTasks reports whether nodes of this kind hold tasks that people act on.
func (k Kind) hasTasks() bool { return k == KindTask || k == KindCountersign }

func (n *Node) waitPolicy() string {
	if n.Wait == "" {
		return WaitAll
	}
	return n.Wait
}

func (n *Node) mode() string {
	if n.Mode == "" {
		return ModeParallel
	}
	return n.Mode
}

func (n *Node) onReject() string {
	if n.OnReject == "" {
		return OnRejectFail
	}
	return n.OnReject
}

func (n *Node) label() string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}
