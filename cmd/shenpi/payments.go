package main

import (
	"context"
	"log/slog"
	"time"
)

// paymentSweepEvery is how often serve looks for payment limits that
// passed: a limit ends at close of business, and a case refused for it a
// few minutes later is refused on the right day.
const paymentSweepEvery = 5 * time.Minute

// lapseUnpaid runs casework's payment sweep once and logs what it did.
func lapseUnpaid(ctx context.Context, s *services, logger *slog.Logger) {
	n, err := s.casework.LapseUnpaid(ctx)
	if err != nil {
		logger.Error("the payment sweep failed", "err", err, "lapsed", n)
		return
	}
	if n > 0 {
		logger.Info("payment limits passed unpaid", "lapsed", n)
	}
}
