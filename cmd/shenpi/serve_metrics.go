package main

import (
	"context"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/shenpi/shenpi/internal/web"
)

// metricsFlags say where the Prometheus metrics are served: on an address of
// their own, or on the site to a scraper bearing a token; by default nowhere.
type metricsFlags struct {
	addr, token string
}

func addMetricsFlags(fs *flag.FlagSet) *metricsFlags {
	m := &metricsFlags{}
	fs.StringVar(&m.addr, "metrics-addr", getenv("SHENPI_METRICS_ADDR", ""),
		"serve /metrics on this address of its own, e.g. 127.0.0.1:9090 (env SHENPI_METRICS_ADDR)")
	fs.StringVar(&m.token, "metrics-token", getenv("SHENPI_METRICS_TOKEN", ""),
		"serve /metrics on the site to requests bearing this token (env SHENPI_METRICS_TOKEN)")
	return m
}

// serveMetrics listens on the metrics address, if any, and serves srv's
// metrics there until ctx ends; the returned function waits for it to stop.
func serveMetrics(ctx context.Context, m *metricsFlags, srv *web.Server, logger *slog.Logger) (stop func(), err error) {
	if m.addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", srv.Metrics())
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	go hs.Serve(ln)
	logger.Info("serving metrics", "addr", ln.Addr().String())
	return inBackground(ctx, func(ctx context.Context) {
		<-ctx.Done()
		hs.Close()
	}), nil
}
