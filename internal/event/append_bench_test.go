package event_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// BenchmarkAppendParallel: 32 writers, each appending one event per
// transaction to a stream of its own. On PostgreSQL this is what giving
// positions at commit costs most: such commits queue for the log's head.
func BenchmarkAppendParallel(b *testing.B) {
	engines := map[string]func(testing.TB) *store.DB{"sqlite": storetest.SQLite}
	if os.Getenv("SHENPI_TEST_PG") != "" {
		engines["postgres"] = storetest.Postgres
	}
	for name, open := range engines {
		b.Run(name, func(b *testing.B) {
			db := open(b)
			ctx := context.Background()
			var writers atomic.Int64
			b.SetParallelism(max(32/runtime.GOMAXPROCS(0), 1)) // 32 goroutines
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				stream := fmt.Sprintf("case:%d", writers.Add(1))
				for i := 0; pb.Next(); i++ {
					if err := db.Tx(ctx, func(tx *store.Tx) error { return appendOne(ctx, tx, stream, i) }); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
		})
	}
}
