package casework_test

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"
)

// counterWaits samples, every few milliseconds, the statements on the
// PostgreSQL server that wait for a lock while touching the case-number
// counter, as an operator would with pg_stat_activity.
type counterWaits struct {
	done   chan struct{}
	result chan [2]int64
}

func watchCounterWaits(b *testing.B) *counterWaits {
	db, err := sql.Open("pgx", os.Getenv("SHENPI_TEST_PG"))
	if err != nil {
		b.Fatal(err)
	}
	w := &counterWaits{done: make(chan struct{}), result: make(chan [2]int64, 1)}
	go func() {
		defer db.Close()
		seen := map[[2]int64]bool{} // (pid, statement start) waiting over 100 ms
		var longest int64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-w.done:
				w.result <- [2]int64{int64(len(seen)), longest}
				return
			case <-tick.C:
			}
			rows, err := db.QueryContext(context.Background(), `SELECT pid, (extract(epoch FROM query_start) * 1e6)::bigint,
					(extract(epoch FROM now() - query_start) * 1e6)::bigint
				FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%case_sequences%'`)
			if err != nil {
				continue
			}
			for rows.Next() {
				var pid, start, waited int64
				if rows.Scan(&pid, &start, &waited) == nil {
					longest = max(longest, waited)
					if waited > 100_000 {
						seen[[2]int64{pid, start}] = true
					}
				}
			}
			rows.Close()
		}
	}()
	return w
}

// stop ends the sampling and returns how many statements waited over
// 100 ms and the longest wait seen.
func (w *counterWaits) stop() (int, time.Duration) {
	close(w.done)
	r := <-w.result
	return int(r[0]), time.Duration(r[1]) * time.Microsecond
}
