package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestPublishedChartForTheGuides: the chart of the process in force is
// public (the item guides show it); a process with no published version
// has none.
func TestPublishedChartForTheGuides(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	if err := process.LoadDemo(context.Background(), process.New(process.Config{DB: s.db, Org: s.f.Org, Now: orgtest.Clock}), "test"); err != nil {
		t.Fatal(err)
	}
	res := s.get(s.client(), "/processes/demo-joint/chart.svg")
	if res.status != 200 || !strings.HasPrefix(res.body, "<svg") && !strings.HasPrefix(res.body, "<?xml") {
		t.Fatalf("chart: %d %.80s", res.status, res.body)
	}
	// The public chart names steps and outcomes only (issue 10: it printed the
	// loop's condition as written); the administrator's shows the condition.
	loop := s.get(s.client(), "/processes/demo-loop/chart.svg")
	if loop.status != 200 || !strings.Contains(loop.body, "审核") || !strings.Contains(loop.body, "通过") {
		t.Fatalf("the loop's chart: %d %.200s", loop.status, loop.body)
	}
	for _, internal := range []string{"form.amount", "demo-loop", ">默认<", ">default<"} {
		if strings.Contains(loop.body, internal) {
			t.Errorf("the public chart shows %q", internal)
		}
	}
	if staff := s.get(s.login("admin"), "/admin/processes/demo-loop/1/chart.svg"); staff.status != 200 || !strings.Contains(staff.body, "(form.") {
		t.Errorf("the administrator's chart: %d, condition shown %v", staff.status, strings.Contains(staff.body, "(form."))
	}
	if res := s.get(s.client(), "/processes/no-such-process/chart.svg"); res.status != 404 {
		t.Fatalf("unknown process: %d", res.status)
	}
}
