package process_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestQueuePages: a user's to-do pages by time left with a cursor and a total, every
// task once; those they may claim are in it; filters narrow it and the total; the done
// list pages newest first; a cursor not handed out is refused.
func TestQueuePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		key := e.publishDemo("serial")
		var ids []string
		for i := 0; i < 7; i++ {
			id, st := e.start(key, nil)
			ids = append(ids, id)
			if i%2 == 0 {
				e.complete(id, st, "accept", "clerka", "approve")
			}
			e.clock.Add(time.Hour * 30) // each case a day later: later due dates
		}
		// clerka's: the accept steps of cases 1, 3, 5 (0-based), the soonest due first.
		var seen []string
		after, pages := "", 0
		for {
			page, err := e.p.Queue(ctx, "clerka", process.QueueFilter{After: after, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 3 {
				t.Fatalf("total %d, want 3", page.Total)
			}
			pages++
			for _, task := range page.Tasks {
				if task.Due.IsZero() || task.Node != "accept" {
					t.Errorf("task %+v has no due instant", task)
				}
				seen = append(seen, task.InstanceID)
			}
			if after = page.Next; after == "" {
				break
			}
		}
		if want := []string{ids[1], ids[3], ids[5]}; !slices.Equal(seen, want) || pages != 2 {
			t.Fatalf("pages %d gave %v, want %v", pages, seen, want)
		}
		// handlera and handlera2 may both claim the handling steps of 0, 2, 4, 6.
		for _, who := range []string{"handlera", "handlera2"} {
			page, err := e.p.Queue(ctx, who, process.QueueFilter{})
			if err != nil || page.Total != 4 || len(page.Tasks) != 4 || page.Next != "" {
				t.Fatalf("%s: %+v %v", who, page, err)
			}
		}
		// Filters: a case number, a step, due before an instant, a set of cases.
		all, err := e.p.Queue(ctx, "handlera", process.QueueFilter{})
		if err != nil {
			t.Fatal(err)
		}
		third := all.Tasks[2].Due
		if !all.Tasks[0].Due.Before(third) || all.Tasks[3].Due.Before(third) {
			t.Fatalf("not sorted by time left: %+v", all.Tasks)
		}
		for _, c := range []struct {
			f    process.QueueFilter
			want int
		}{
			{process.QueueFilter{Number: ids[2]}, 1},
			{process.QueueFilter{Node: "受理"}, 0},
			{process.QueueFilter{Node: "承办"}, 4},
			{process.QueueFilter{Instances: []string{ids[0], ids[1]}}, 1},
			{process.QueueFilter{Instances: []string{}}, 0},
			{process.QueueFilter{DueBefore: third.Add(time.Microsecond)}, 3},
			{process.QueueFilter{Number: "%"}, 0},
		} {
			page, err := e.p.Queue(ctx, "handlera", c.f)
			if err != nil || page.Total != c.want || len(page.Tasks) != c.want {
				t.Errorf("%+v: total %d, %d rows (%v), want %d", c.f, page.Total, len(page.Tasks), err, c.want)
			}
		}
		dept, err := e.p.DepartmentQueue(ctx, e.f.MarketA.ID, process.QueueFilter{})
		if err != nil || dept.Total != 7 {
			t.Fatalf("department: %d %v", dept.Total, err)
		}
		done, err := e.p.Done(ctx, "clerka", process.QueueFilter{Limit: 3})
		if err != nil || done.Total != 4 || len(done.Tasks) != 3 || done.Tasks[0].InstanceID != ids[6] || done.Next == "" {
			t.Fatalf("done: %+v %v", done, err)
		}
		rest, err := e.p.Done(ctx, "clerka", process.QueueFilter{After: done.Next})
		if err != nil || len(rest.Tasks) != 1 || rest.Tasks[0].InstanceID != ids[0] {
			t.Fatalf("done, page 2: %+v %v", rest, err)
		}
		if _, err := e.p.Queue(ctx, "clerka", process.QueueFilter{After: "not-a-cursor!"}); err == nil {
			t.Fatal("a forged cursor was accepted")
		}
	})
}
