package main

import (
	"context"
	"log/slog"

	"github.com/shenpi/shenpi/internal/event"
)

// consumers are the durable consumers of the event log that serve runs,
// each built on the services it needs. None yet: supervision will be the
// first.
func consumers(*services) []event.Consumer { return nil }

// runConsumers starts the consumers and returns a function that stops them
// and waits until they have, so the database outlives them.
func runConsumers(ctx context.Context, s *services, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		event.RunAll(ctx, s.db, consumers(s), log)
		close(done)
	}()
	return func() {
		cancel()
		<-done
	}
}
