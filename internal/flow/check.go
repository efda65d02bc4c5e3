package flow

import (
	"fmt"
	"strings"
)

// Problem codes returned by Check. The web layer translates by Code, using NodeID and
// Other as parameters; Message is the English text.
const (
	CodeBadDefinition      = "bad_definition"        // no key
	CodeNoStart            = "no_start"              //
	CodeManyStarts         = "many_starts"           // NodeID: the extra start
	CodeNoEnd              = "no_end"                //
	CodeDuplicateID        = "duplicate_id"          // NodeID: the repeated id
	CodeDanglingEdge       = "dangling_edge"         // NodeID: From, Other: To
	CodeBadNode            = "bad_node"              // a field out of range for the kind
	CodeBadAssignee        = "bad_assignee"          // Other: the same_as node, if any
	CodeBadEdges           = "bad_edges"             // wrong edges for the node's kind
	CodeUnreachable        = "unreachable"           //
	CodeNoPathToEnd        = "no_path_to_end"        //
	CodeJoinMayWaitForever = "join_may_wait_forever" // Other: the split concerned
	CodeAmbiguousChoice    = "ambiguous_choice"      // Other: the edge's target
	CodeNoDefault          = "no_default"            // Other: the outcome with no edge, if any
	CodeManyDefaults       = "many_defaults"         //
	CodeBadCondition       = "bad_condition"         // Other: the edge's target
	CodeLoopWithoutTask    = "loop_without_task"     // Other: another node of the loop
)

// Problem is one reason a definition may not be published.
type Problem struct {
	Code    string `json:"code"`
	NodeID  string `json:"node_id,omitempty"`
	Other   string `json:"other,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Code + ": " + p.Message }

// DefinitionError carries the problems that make a definition unusable.
type DefinitionError struct{ Problems []Problem }

func (e *DefinitionError) Error() string {
	msgs := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		msgs = append(msgs, p.Message)
	}
	return "flow: definition has problems: " + strings.Join(msgs, "; ")
}

// Validate returns a *DefinitionError when Check finds problems.
func Validate(def *Definition) error {
	if ps := Check(def); len(ps) > 0 {
		return &DefinitionError{Problems: ps}
	}
	return nil
}

// Check is the publish check. It returns nothing for a definition that can run: every
// node reachable from the start, an end reachable from every node, no join that can wait
// forever, no loop that runs without a person acting, choices unambiguous with exactly
// one default, conditions that compile, assignees well formed.
func Check(def *Definition) []Problem {
	if def == nil {
		return []Problem{{Code: CodeNoStart, Message: "the definition is empty"}}
	}
	c := &checker{g: newGraph(def)}
	if strings.TrimSpace(def.Key) == "" {
		c.add(CodeBadDefinition, "", "", "the definition has no key")
	}
	c.checkIDs()
	c.checkStartAndEnd()
	for _, n := range c.g.nodes {
		c.checkNode(n)
		c.checkEdgesOf(n)
	}
	if c.g.start < 0 {
		return c.problems
	}
	c.checkReachability()
	c.checkAutomaticLoops()
	c.checkScopes()
	c.checkSameAs()
	c.checkDistinct()
	return c.problems
}

type checker struct {
	g        *graph
	problems []Problem
}

func (c *checker) add(code, node, other, format string, args ...any) {
	c.problems = append(c.problems, Problem{Code: code, NodeID: node, Other: other, Message: fmt.Sprintf(format, args...)})
}

// name renders a node for messages: its id, and its name when it has one.
func (c *checker) name(id string) string {
	if n := c.g.node(id); n != nil && n.Name != "" && n.Name != id {
		return fmt.Sprintf("%q (%s)", id, n.Name)
	}
	return fmt.Sprintf("%q", id)
}

func (c *checker) checkIDs() {
	seen := make(map[string]bool, len(c.g.def.Nodes))
	for _, n := range c.g.def.Nodes {
		if strings.TrimSpace(n.ID) == "" {
			c.add(CodeBadNode, "", "", "a %s node has no id", n.Kind)
			continue
		}
		if seen[n.ID] {
			c.add(CodeDuplicateID, n.ID, "", "node id %q is used more than once", n.ID)
		}
		seen[n.ID] = true
	}
	for _, e := range c.g.def.Edges {
		_, okf := c.g.pos[e.From]
		_, okt := c.g.pos[e.To]
		if !okf || !okt {
			c.add(CodeDanglingEdge, e.From, e.To, "the edge from %q to %q names a node that does not exist", e.From, e.To)
		}
	}
}

func (c *checker) checkStartAndEnd() {
	starts, ends := 0, 0
	for _, n := range c.g.nodes {
		switch n.Kind {
		case KindStart:
			starts++
			if starts > 1 {
				c.add(CodeManyStarts, n.ID, "", "node %s is a second start; a process has exactly one", c.name(n.ID))
			}
		case KindEnd:
			ends++
		}
	}
	if starts == 0 {
		c.add(CodeNoStart, "", "", "the process has no start node")
	}
	if ends == 0 {
		c.add(CodeNoEnd, "", "", "the process has no end node")
	}
}

func (c *checker) checkNode(n *Node) {
	if !n.Kind.valid() {
		c.add(CodeBadNode, n.ID, "", "node %s has unknown kind %q", c.name(n.ID), n.Kind)
		return
	}
	if n.LimitDays < 0 {
		c.add(CodeBadNode, n.ID, "", "node %s has a negative time limit", c.name(n.ID))
	}
	if n.MaxRounds < 0 {
		c.add(CodeBadNode, n.ID, "", "node %s has a negative round cap", c.name(n.ID))
	}
	switch n.Kind {
	case KindTask:
		if n.Assignee == nil {
			c.add(CodeBadAssignee, n.ID, "", "task %s has no assignee", c.name(n.ID))
		} else {
			c.checkAssignee(n, *n.Assignee)
		}
	case KindCountersign:
		c.checkCountersign(n)
	case KindJoin:
		switch n.waitPolicy() {
		case WaitAll:
			if n.N != 0 {
				c.add(CodeBadNode, n.ID, "", "join %s waits for all branches but gives n=%d; use wait \"first\"", c.name(n.ID), n.N)
			}
		case WaitFirst:
			if n.N < 1 {
				c.add(CodeBadNode, n.ID, "", "join %s waits for the first n branches but n is %d", c.name(n.ID), n.N)
			}
		default:
			c.add(CodeBadNode, n.ID, "", "join %s has unknown wait %q (use \"all\" or \"first\")", c.name(n.ID), n.Wait)
		}
	case KindEnd:
		switch n.Result {
		case ResultApproved, ResultRefused, ResultWithdrawn:
		default:
			c.add(CodeBadNode, n.ID, "", "end %s has result %q (use approved, refused or withdrawn)", c.name(n.ID), n.Result)
		}
	}
}

func (c *checker) checkCountersign(n *Node) {
	if len(n.Parties) == 0 {
		c.add(CodeBadAssignee, n.ID, "", "countersign %s has no parties", c.name(n.ID))
	}
	dynamic := false
	for _, p := range n.Parties {
		c.checkAssignee(n, p)
		if p.Kind == AssignRole && p.Department == DeptAssisting {
			dynamic = true // expands to one party per assisting department
		}
	}
	if m := n.mode(); m != ModeParallel && m != ModeSequential {
		c.add(CodeBadNode, n.ID, "", "countersign %s has unknown mode %q (use parallel or sequential)", c.name(n.ID), n.Mode)
	}
	if r := n.onReject(); r != OnRejectFail && r != OnRejectContinue {
		c.add(CodeBadNode, n.ID, "", "countersign %s has unknown on_reject %q (use fail or continue)", c.name(n.ID), n.OnReject)
	}
	if n.Completion == nil {
		return
	}
	switch comp := n.Completion; comp.Rule {
	case RuleAll, RuleAny:
	case RuleAtLeast:
		if comp.N < 1 || (!dynamic && comp.N > len(n.Parties)) {
			c.add(CodeBadNode, n.ID, "", "countersign %s needs at least %d of %d parties", c.name(n.ID), comp.N, len(n.Parties))
		}
	case RuleRatio:
		if !(comp.Ratio > 0 && comp.Ratio <= 1) {
			c.add(CodeBadNode, n.ID, "", "countersign %s has ratio %v; it must be above 0 and at most 1", c.name(n.ID), comp.Ratio)
		}
	default:
		c.add(CodeBadNode, n.ID, "", "countersign %s has unknown completion rule %q", c.name(n.ID), comp.Rule)
	}
}

func (c *checker) checkAssignee(n *Node, a Assignee) {
	switch a.Kind {
	case AssignRole:
		if a.Role == "" || a.Department == "" {
			c.add(CodeBadAssignee, n.ID, "", "node %s is assigned to a role without naming both role and department", c.name(n.ID))
		} else if _, err := assistingIndex(a.Department); err != nil {
			c.add(CodeBadAssignee, n.ID, "", "node %s names department %q: %v", c.name(n.ID), a.Department, err)
		}
	case AssignUser:
		if a.User == "" {
			c.add(CodeBadAssignee, n.ID, "", "node %s is assigned to a user without naming one", c.name(n.ID))
		}
	case AssignSameAs:
		other := c.g.node(a.Node)
		if other == nil || other.Kind != KindTask || a.Node == n.ID {
			c.add(CodeBadAssignee, n.ID, a.Node, "node %s is assigned to the handler of %q, which is not another task node", c.name(n.ID), a.Node)
		}
	default:
		c.add(CodeBadAssignee, n.ID, "", "node %s has unknown assignee kind %q (use role, user or same_as)", c.name(n.ID), a.Kind)
	}
}

func (c *checker) checkEdgesOf(n *Node) {
	i := c.g.pos[n.ID]
	out, in := c.g.out[i], c.g.in[i]
	switch n.Kind {
	case KindStart:
		if len(in) > 0 {
			c.add(CodeBadEdges, n.ID, "", "start %s has incoming edges", c.name(n.ID))
		}
		if len(out) != 1 {
			c.add(CodeBadEdges, n.ID, "", "start %s must have exactly one outgoing edge, has %d", c.name(n.ID), len(out))
		}
	case KindEnd:
		if len(out) > 0 {
			c.add(CodeBadEdges, n.ID, "", "end %s has outgoing edges", c.name(n.ID))
		}
	case KindSplit:
		if len(out) < 2 {
			c.add(CodeBadEdges, n.ID, "", "split %s must have at least two outgoing edges, has %d", c.name(n.ID), len(out))
		}
	case KindJoin:
		if len(out) != 1 {
			c.add(CodeBadEdges, n.ID, "", "join %s must have exactly one outgoing edge, has %d", c.name(n.ID), len(out))
		}
	case KindChoice:
		c.checkChoice(n, out)
		return
	case KindTask, KindCountersign:
		c.checkOutcomeEdges(n, out)
		return
	}
	for _, e := range out {
		if e.On != "" || e.Condition != "" || e.Default {
			c.add(CodeBadEdges, n.ID, e.To, "the edge from %s to %s carries an outcome or condition, which a %s ignores", c.name(n.ID), c.name(e.To), n.Kind)
		}
	}
}

func (c *checker) checkOutcomeEdges(n *Node, out []*Edge) {
	if len(out) == 0 {
		c.add(CodeBadEdges, n.ID, "", "%s %s has no outgoing edge", n.Kind, c.name(n.ID))
		return
	}
	seen := make(map[string]bool, len(out))
	for _, e := range out {
		if e.Condition != "" || e.Default {
			c.add(CodeBadEdges, n.ID, e.To, "the edge from %s to %s carries a condition; only choices have conditions", c.name(n.ID), c.name(e.To))
		}
		if seen[e.On] {
			what := "outcome " + e.On
			if e.On == "" {
				what = "other outcomes (no \"on\")"
			}
			c.add(CodeAmbiguousChoice, n.ID, e.To, "%s has more than one edge for %s", c.name(n.ID), what)
		}
		seen[e.On] = true
	}
	need := []string{OutcomeSkipped}
	if n.Kind == KindCountersign {
		need = []string{OutcomeApprove, OutcomeReject}
	}
	g := c.g
	for _, o := range need {
		if g.routeOutcome(n.ID, o) == nil {
			if o == OutcomeSkipped {
				c.add(CodeNoDefault, n.ID, "", "%s has neither an edge without \"on\" nor an \"approve\" edge, so a skipped step could not go on", c.name(n.ID))
			} else {
				c.add(CodeNoDefault, n.ID, o, "countersign %s has no edge for outcome %q", c.name(n.ID), o)
			}
		}
	}
}

func (c *checker) checkChoice(n *Node, out []*Edge) {
	defaults := 0
	orders := make(map[int]string)
	for _, e := range out {
		if e.On != "" {
			c.add(CodeBadEdges, n.ID, e.To, "the edge from choice %s to %s has an outcome; a choice uses conditions", c.name(n.ID), c.name(e.To))
		}
		if e.Default {
			defaults++
			if e.Condition != "" {
				c.add(CodeBadCondition, n.ID, e.To, "the default edge from choice %s to %s has a condition, which would never be evaluated", c.name(n.ID), c.name(e.To))
			}
			continue
		}
		if strings.TrimSpace(e.Condition) == "" {
			c.add(CodeBadCondition, n.ID, e.To, "the edge from choice %s to %s has no condition and is not the default", c.name(n.ID), c.name(e.To))
			continue
		}
		if _, err := compileCondition(e.Condition); err != nil {
			c.add(CodeBadCondition, n.ID, e.To, "the condition on the edge from choice %s to %s does not compile: %s", c.name(n.ID), c.name(e.To), firstLine(err.Error()))
		}
		if prev, dup := orders[e.Order]; dup {
			c.add(CodeAmbiguousChoice, n.ID, e.To, "choice %s has edges to %s and %s with the same order %d; give each condition its own order", c.name(n.ID), c.name(prev), c.name(e.To), e.Order)
		} else {
			orders[e.Order] = e.To
		}
	}
	switch {
	case defaults == 0:
		c.add(CodeNoDefault, n.ID, "", "choice %s has no default edge", c.name(n.ID))
	case defaults > 1:
		c.add(CodeManyDefaults, n.ID, "", "choice %s has %d default edges; it needs exactly one", c.name(n.ID), defaults)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
