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
	if res := s.get(s.client(), "/processes/no-such-process/chart.svg"); res.status != 404 {
		t.Fatalf("unknown process: %d", res.status)
	}
}
