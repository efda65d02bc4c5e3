package web

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/shenpi/shenpi/internal/store"
)

// poolCollector reports the database connection pools at each scrape, so
// an operator sees requests queueing for a connection (wait count and
// time) and connections churning (closed for want of idle room, or idle
// too long) before users feel it.
type poolCollector struct {
	db                                        *store.DB
	max, open, inUse, idle                    *prometheus.Desc
	waits, waited, idleClosed, idleTimeClosed *prometheus.Desc
}

func newPoolCollector(db *store.DB) *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("shenpi_db_"+name, help, []string{"pool"}, nil)
	}
	return &poolCollector{db: db,
		max:            desc("connections_max", "Connections the pool may open."),
		open:           desc("connections_open", "Connections open, in use or idle."),
		inUse:          desc("connections_in_use", "Connections in use."),
		idle:           desc("connections_idle", "Connections idle."),
		waits:          desc("waits_total", "Times a request waited for a connection."),
		waited:         desc("wait_seconds_total", "Time spent waiting for a connection."),
		idleClosed:     desc("closed_max_idle_total", "Connections closed because the idle pool was full."),
		idleTimeClosed: desc("closed_idle_time_total", "Connections closed after being idle too long."),
	}
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.max, c.open, c.inUse, c.idle, c.waits, c.waited, c.idleClosed, c.idleTimeClosed} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for pool, st := range c.db.PoolStats() {
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, pool)
		}
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, pool)
		}
		gauge(c.max, float64(st.MaxOpenConnections))
		gauge(c.open, float64(st.OpenConnections))
		gauge(c.inUse, float64(st.InUse))
		gauge(c.idle, float64(st.Idle))
		counter(c.waits, float64(st.WaitCount))
		counter(c.waited, st.WaitDuration.Seconds())
		counter(c.idleClosed, float64(st.MaxIdleClosed))
		counter(c.idleTimeClosed, float64(st.MaxIdleTimeClosed))
	}
}
