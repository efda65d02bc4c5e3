package office

import (
	"os"
	"regexp"
	"testing"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/web/messages"
)

// TestCaseProcessMessages checks the keys the per-case process page builds
// at run time, which TestMessages cannot see: one per instance state, task
// state and change, and every flow.* key its Go code names.
func TestCaseProcessMessages(t *testing.T) {
	c, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for prefix, values := range map[string][]string{
		"flow.case.state.":  {flow.StatusRunning, flow.StatusSuspended, flow.StatusEnded},
		"flow.case.task.":   {flow.TaskQueued, flow.TaskOpen, flow.TaskCompleted, flow.TaskCancelled},
		"flow.case.change.": caseChanges,
	} {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	b, err := os.ReadFile("case_process.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"((?:flow|form)\.[a-z0-9_]+\.[a-z0-9_.]+)"`).FindAllStringSubmatch(string(b), -1) {
		keys = append(keys, m[1])
	}
	for _, k := range keys {
		for _, lang := range []string{"zh-Hans", "en"} {
			if c.T(lang, k, nil) == k {
				t.Errorf("%s has no %s text", k, lang)
			}
		}
	}
}
