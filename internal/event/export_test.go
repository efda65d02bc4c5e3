package event

import (
	"context"

	"github.com/shenpi/shenpi/internal/store"
)

// WatchBarrier calls reached each time a consumer is about to wait for the
// log to be on disk, until the test ends.
func WatchBarrier(reached func()) (restore func()) {
	barrier = func(db *store.DB, ctx context.Context) error {
		reached()
		return db.Synced(ctx)
	}
	return func() { barrier = (*store.DB).Synced }
}
