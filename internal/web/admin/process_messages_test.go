package admin

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// TestProcessMessages checks the keys the process pages build at run time, which
// TestMessages cannot see: one per publish-check code, node kind and option, and every
// flow.* key named in the Go code of these pages and of process.
func TestProcessMessages(t *testing.T) {
	c, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for _, code := range []string{flow.CodeBadDefinition, flow.CodeNoStart, flow.CodeManyStarts, flow.CodeNoEnd, flow.CodeDuplicateID,
		flow.CodeDanglingEdge, flow.CodeBadNode, flow.CodeBadAssignee, flow.CodeBadEdges, flow.CodeUnreachable, flow.CodeNoPathToEnd,
		flow.CodeJoinMayWaitForever, flow.CodeAmbiguousChoice, flow.CodeNoDefault, flow.CodeManyDefaults, flow.CodeBadCondition,
		flow.CodeLoopWithoutTask} {
		keys = append(keys, "flow.problem."+code)
	}
	for _, k := range flowKinds {
		keys = append(keys, "flow.kind."+string(k))
	}
	for prefix, values := range map[string][]string{
		"flow.assign.": flowAssignKinds, "flow.mode.": flowModes, "flow.rule.": flowRules, "flow.on_reject.": flowOnRejects,
		"flow.wait.": flowWaits, "flow.result.": flowResults, "flow.node.": flowNodeFields[2:], "flow.edge.": {"from", "to", "on", "order", "default"},
		"flow.delegation.":    {"upcoming", "active", "over"},
		"flow.status.":        {string(process.StatusDraft), string(process.StatusPublished), string(process.StatusRetired)},
		"flow.chart.outcome.": {flow.OutcomeApprove, flow.OutcomeReject, flow.OutcomeReturn, flow.OutcomeSkipped},
	} {
		for _, v := range values {
			if prefix == "flow.node." && (v == "a_kind" || v == "dept" || v == "role" || v == "user") {
				continue // labelled by flow.node.assignee, flow.node.department…; never a field error
			}
			keys = append(keys, prefix+v)
		}
	}
	literal := regexp.MustCompile(`"((?:flow|form)\.[a-z0-9_]+\.[a-z0-9_.]+)"`)
	for _, glob := range []string{"process*.go", "../../process/*.go"} {
		files, _ := filepath.Glob(glob)
		if len(files) == 0 {
			t.Fatalf("no files match %s", glob)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
				keys = append(keys, m[1])
			}
		}
	}
	for _, k := range keys {
		for _, lang := range []string{"zh-Hans", "en"} {
			if c.T(lang, k, nil) == k {
				t.Errorf("%s has no %s text", k, lang)
			}
		}
	}
}
