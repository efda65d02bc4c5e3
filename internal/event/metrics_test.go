package event_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// TestConsumerLag: a consumer that acknowledged two of three events is one
// event behind, by as long as that event is old, on the metrics registry.
func TestConsumerLag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		appendN(t, db, "case:L", 3) // at 09:00, 09:01, 09:02
		ctx, stop := context.WithCancel(context.Background())
		calls := 0
		err := event.Run(ctx, db, event.Consumer{Name: "slow", Batch: 2, Poll: time.Millisecond,
			Handle: func(ctx context.Context, evs []event.Event) error {
				if calls++; calls == 2 {
					stop()
					return errors.New("stopped")
				}
				return nil
			}})
		if !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 22, 9, 12, 0, 0, time.UTC)
		lags, err := event.Lags(context.Background(), db, now)
		if err != nil || len(lags) != 1 || lags[0] != (event.Lag{Consumer: "slow", Events: 1, Behind: 10 * time.Minute}) {
			t.Fatalf("lags %+v, %v", lags, err)
		}

		reg := prometheus.NewRegistry()
		if err := event.RegisterMetrics(reg, db); err != nil {
			t.Fatal(err)
		}
		families, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, f := range families {
			for _, m := range f.GetMetric() {
				if f.GetName() == "shenpi_event_consumer_lag_events" && m.GetLabel()[0].GetValue() == "slow" {
					found++
					if v := m.GetGauge().GetValue(); v != 1 {
						t.Fatalf("lag %v events, want 1", v)
					}
				}
				if f.GetName() == "shenpi_event_consumer_lag_seconds" && m.GetGauge().GetValue() <= 0 {
					t.Fatalf("lag of %v seconds behind an event of 2026", m.GetGauge().GetValue())
				}
			}
		}
		if found != 1 {
			t.Fatalf("no lag metric for the consumer: %v", families)
		}
	})
}
