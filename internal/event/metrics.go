package event

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/shenpi/shenpi/internal/store"
)

// Lag is how far a consumer is behind the end of the log.
type Lag struct {
	Consumer string
	// Events is how many events it has yet to move past.
	Events int64
	// Behind is how long ago the first of them was recorded (zero when
	// Events is).
	Behind time.Duration
}

// Lags reads every consumer's lag from its stored position, so that a
// consumer stuck in any process, or not running at all, shows.
func Lags(ctx context.Context, db *store.DB, now time.Time) ([]Lag, error) {
	end, err := logEnd(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, `SELECT name, pos FROM event_consumers ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("event: unable to read the consumers: %w", err)
	}
	var (
		lags []Lag
		pos  []int64
	)
	for rows.Next() {
		var l Lag
		var p int64
		if err := rows.Scan(&l.Consumer, &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("event: unable to read the consumers: %w", err)
		}
		lags, pos = append(lags, l), append(pos, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event: unable to read the consumers: %w", err)
	}
	col := position(db.Engine())
	for i := range lags {
		if lags[i].Events = max(end-pos[i], 0); lags[i].Events == 0 {
			continue
		}
		var at int64
		if err := db.QueryRow(ctx, `SELECT at FROM events WHERE `+col+` > ? ORDER BY `+col+` LIMIT 1`, pos[i]).Scan(&at); err != nil {
			return nil, fmt.Errorf("event: unable to read the lag of %s: %w", lags[i].Consumer, err)
		}
		lags[i].Behind = max(now.Sub(store.FromMicros(at)), 0)
	}
	return lags, nil
}

// RegisterMetrics registers the consumers' lag on reg (the server's
// registry), read from the database at each scrape.
func RegisterMetrics(reg prometheus.Registerer, db *store.DB) error {
	return reg.Register(&lagCollector{db: db,
		events: prometheus.NewDesc("shenpi_event_consumer_lag_events",
			"Events a durable consumer of the log has yet to handle.", []string{"consumer"}, nil),
		seconds: prometheus.NewDesc("shenpi_event_consumer_lag_seconds",
			"Age of the oldest event a durable consumer of the log has yet to handle.", []string{"consumer"}, nil),
	})
}

type lagCollector struct {
	db              *store.DB
	events, seconds *prometheus.Desc
}

func (c *lagCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.events
	ch <- c.seconds
}

func (c *lagCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	lags, err := Lags(ctx, c.db, time.Now())
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.events, err)
		return
	}
	for _, l := range lags {
		ch <- prometheus.MustNewConstMetric(c.events, prometheus.GaugeValue, float64(l.Events), l.Consumer)
		ch <- prometheus.MustNewConstMetric(c.seconds, prometheus.GaugeValue, l.Behind.Seconds(), l.Consumer)
	}
}
