package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

type gatherKey struct{}

// gathering collects names registered under gatherKey and records them
// as one run; then is what it registers itself while it runs.
type gathering struct {
	names []string
	runs  *[][]string
	then  func(*store.Tx)
}

func (g *gathering) BeforeCommit(ctx context.Context, tx *store.Tx) error {
	*g.runs = append(*g.runs, g.names)
	if g.then != nil {
		g.then(tx)
	}
	return nil
}

// TestHookRegisteredByAHook: work registered under a key whose hook has
// already run (a case recorded at commit appends an event after the event
// log's numbering hook ran) gets a hook of its own that runs after, instead
// of being added to one that will not run again.
func TestHookRegisteredByAHook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var runs [][]string
		err := db.Tx(context.Background(), func(tx *store.Tx) error {
			runs = nil
			gather := func(tx *store.Tx, name string, then func(*store.Tx)) {
				g := tx.Hook(gatherKey{}, func() store.CommitHook { return &gathering{runs: &runs} }).(*gathering)
				g.names = append(g.names, name)
				if then != nil {
					g.then = then
				}
			}
			gather(tx, "a", nil)
			gather(tx, "b", func(tx *store.Tx) { gather(tx, "c", nil) })
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := [][]string{{"a", "b"}, {"c"}}; !slices.EqualFunc(runs, want, slices.Equal) {
			t.Fatalf("hooks ran %v, want %v", runs, want)
		}
	})
}
