package main

import (
	"flag"
	"os"
	"strconv"

	"github.com/shenpi/shenpi/internal/web/conns"
)

// addLimitFlags declares the flags bounding clients' connections
// (internal/web/conns), each with an environment fallback.
func addLimitFlags(fs *flag.FlagSet) *conns.Limits {
	l := conns.Defaults
	fs.DurationVar(&l.HeaderTimeout, "header-timeout", envDuration("SHENPI_HEADER_TIMEOUT", l.HeaderTimeout),
		"time to read a request's headers (env SHENPI_HEADER_TIMEOUT)")
	fs.DurationVar(&l.IdleTimeout, "idle-timeout", envDuration("SHENPI_IDLE_TIMEOUT", l.IdleTimeout),
		"close a keep-alive connection idle this long (env SHENPI_IDLE_TIMEOUT)")
	fs.DurationVar(&l.Grace, "request-grace", envDuration("SHENPI_REQUEST_GRACE", l.Grace),
		"time a request body and each part of a response get before the transfer rate counts (env SHENPI_REQUEST_GRACE)")
	fs.Int64Var(&l.MinRate, "min-transfer-rate", envInt("SHENPI_MIN_TRANSFER_RATE", l.MinRate),
		"bytes per second a request body and a response must keep to; 0 for no limit (env SHENPI_MIN_TRANSFER_RATE)")
	fs.IntVar(&l.PerAddress, "max-conns-per-addr", int(envInt("SHENPI_MAX_CONNS_PER_ADDR", int64(l.PerAddress))),
		"open connections allowed from one IP address; 0 for no limit, behind a proxy (env SHENPI_MAX_CONNS_PER_ADDR)")
	return &l
}

// envInt reads an integer environment variable, or def when it is unset or
// unparsable.
func envInt(name string, def int64) int64 {
	if n, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return n
	}
	return def
}
