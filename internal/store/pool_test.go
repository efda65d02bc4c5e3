package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestPostgresPoolKeepsItsConnections: a burst that fills the pool leaves
// every connection idle for the next, rather than closing half of them
// (the pool kept 8 idle of 16 open, so each burst closed 8 and the next
// opened them again).
func TestPostgresPoolKeepsItsConnections(t *testing.T) {
	db := storetest.Postgres(t)
	const open = 16
	for burst := 0; burst < 3; burst++ {
		var inside, done sync.WaitGroup
		inside.Add(open)
		for i := 0; i < open; i++ {
			done.Add(1)
			go func() {
				defer done.Done()
				var arrived sync.Once // the function may run twice (-tags txtwice)
				err := db.Tx(context.Background(), func(tx *store.Tx) error {
					if _, err := tx.Exec(context.Background(), `SELECT 1`); err != nil {
						return err
					}
					arrived.Do(inside.Done)
					inside.Wait() // every connection is in use at once
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		done.Wait()
	}
	st := db.PoolStats()["pool"]
	if st.MaxIdleClosed != 0 || st.Idle != open || st.OpenConnections != open {
		t.Fatalf("after three bursts of %d: %d open, %d idle, %d closed for want of idle room", open, st.OpenConnections, st.Idle, st.MaxIdleClosed)
	}
}
