package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/web"
	"github.com/shenpi/shenpi/internal/web/conns"
)

const serveUsage = `serve [flags]

Serves the web application. With no configuration at all it keeps a SQLite
database in ./data and listens on 127.0.0.1:8080. On a database without a
system administrator it creates the user "admin" and prints its password
once; on an empty database it first creates the region named by --region and
--region-name: 320000 江苏省 by default, so set both for any other province.`

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", serveUsage, stderr)
	dbf := addDBFlags(fs)
	addr := fs.String("addr", getenv("SHENPI_ADDR", "127.0.0.1:8080"), "address to listen on; port 0 picks a free port (env SHENPI_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo organisation and users before serving")
	logFormat := fs.String("log-format", getenv("SHENPI_LOG_FORMAT", defaultLogFormat(stderr)),
		"log format, text or json; text by default on a terminal (env SHENPI_LOG_FORMAT)")
	secure := fs.Bool("secure-cookies", envBool("SHENPI_SECURE_COOKIES"),
		"mark cookies Secure, for a server behind a TLS-terminating proxy (env SHENPI_SECURE_COOKIES)")
	regionCode := fs.String("region", getenv("SHENPI_REGION", "320000"),
		"code of the first region, created only on an empty database (env SHENPI_REGION)")
	regionName := fs.String("region-name", getenv("SHENPI_REGION_NAME", "江苏省"),
		"name of the first region (env SHENPI_REGION_NAME)")
	limits := addLimitFlags(fs)
	metrics := addMetricsFlags(fs)
	checkpointEvery := fs.Duration("checkpoint-every", envDuration("SHENPI_CHECKPOINT_EVERY", time.Hour),
		"checkpoint the event log this often; 0 never (env SHENPI_CHECKPOINT_EVERY)")
	if _, code, ok := parse(fs, args, 0); !ok {
		return code
	}
	tuneGC()
	logger, err := newLogger(*logFormat, stderr)
	if err != nil {
		return report(stderr, err)
	}

	// Listen first: a busy address fails before anything is loaded or printed
	// (the demo's accounts, the first administrator's password), and with
	// port 0 the real address is known.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return report(stderr, err)
	}
	defer ln.Close()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := ensureKeyFile(dbf, stderr); err != nil {
		return report(stderr, err)
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	if err := sealStored(ctx, s, logger); err != nil {
		return report(stderr, err)
	}
	if *withDemo {
		if err := loadDemo(ctx, s, stdout); err != nil {
			return report(stderr, err)
		}
	}
	if err := ensureAdmin(ctx, s, org.Region{Code: *regionCode, Name: *regionName}, stdout); err != nil {
		return report(stderr, err)
	}

	defer runConsumers(ctx, s, logger)()
	warnMissingYears(ctx, s, logger)
	// A running clock can come to need next year at any time (a long
	// extension, a new case in late December): look again every hour.
	go every(ctx, time.Hour, func() { warnMissingYears(ctx, s, logger) })
	// Idempotency-Keys are remembered for store.KeyLifetime; an expired
	// record is already ignored, and this sweep deletes it.
	go every(ctx, time.Hour, func() { forgetKeys(ctx, s, logger) })
	if *checkpointEvery > 0 {
		// Stopped before the database closes, so no checkpoint is cut short.
		defer inBackground(ctx, func(ctx context.Context) {
			every(ctx, *checkpointEvery, func() { checkpointLog(ctx, s, logger) })
		})()
	}
	procs := process.New(process.Config{DB: s.db, Org: s.org, Clocks: s.deadlines, Now: time.Now})
	s.casework.JointBy(func(ctx context.Context, n casework.Number) (bool, error) { return procs.Joint(ctx, string(n)) })
	defer inBackground(ctx, func(ctx context.Context) {
		every(ctx, paymentSweepEvery, func() { lapseUnpaid(ctx, s, logger) })
	})()
	srv, err := web.New(web.Config{DB: s.db, Org: s.org, Auth: s.auth, Deadlines: s.deadlines, Catalog: s.catalog, Casework: s.casework,
		Processes: procs, Log: logger, Now: time.Now,
		Version: fullVersion(), SecureCookies: *secure, MetricsToken: metrics.token})
	if err != nil {
		return report(stderr, err)
	}
	stopMetrics, err := serveMetrics(ctx, metrics, srv, logger)
	if err != nil {
		return report(stderr, err)
	}
	defer stopMetrics()
	hs := conns.Server(srv.Handler(), *limits, logger)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(conns.Listener(ln, limits.PerAddress)) }()
	fmt.Fprintf(stdout, "Shenpi is listening on http://%s\n", ln.Addr())
	logger.Info("serving", "addr", ln.Addr().String(), "database", s.db.Where(), "version", fullVersion())

	select {
	case err := <-served:
		return report(stderr, err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return report(stderr, fmt.Errorf("unable to shut down cleanly: %w", err))
	}
	return exitOK
}

// ensureAdmin creates the first system administrator when there is none,
// scoped to the first province, or to first (created here) on an empty
// database. Its password is printed once and never logged.
func ensureAdmin(ctx context.Context, s *services, first org.Region, stdout io.Writer) error {
	admins, err := s.org.Users(ctx, org.UserFilter{Role: org.RoleSysAdmin})
	if err != nil || len(admins) > 0 {
		return err
	}
	// Regions come in tree order, so the first one is a province.
	regions, err := s.org.Regions(ctx, "")
	if err != nil {
		return err
	}
	region := first
	if len(regions) > 0 {
		region = regions[0]
	} else if region, err = s.org.CreateRegion(ctx, "system", first); err != nil {
		return badInputf("unable to create the first region %s %s (set --region and --region-name): %s",
			first.Code, first.Name, describe(err))
	}
	password := auth.RandomPassword(20)
	u := org.User{Username: "admin", Role: org.RoleSysAdmin, DisplayName: "系统管理员", RegionCode: region.Code, MustChange: true}
	u, err = s.org.CreateUser(ctx, "system", u, auth.HashPassword(password))
	if err != nil {
		return fmt.Errorf("unable to create the administrator: %w", err)
	}
	line := "================================================================"
	fmt.Fprintf(stdout, "%s\n  The first administrator has been created.\n\n"+
		"    username  %s\n    password  %s\n    region    %s %s\n\n"+
		"  This password is shown only this once. Log in and change it now.\n%s\n",
		line, u.Username, password, region.Code, region.Name, line)
	return nil
}

// newLogger makes the slog logger for the chosen format.
func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, badInputf("--log-format must be text or json, not %q", format)
}

// defaultLogFormat is text for a person at a terminal, JSON for a log collector.
func defaultLogFormat(stderr io.Writer) string {
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return "text"
		}
	}
	return "json"
}

// envBool reads a boolean environment variable; anything unparsable is false.
func envBool(name string) bool {
	b, _ := strconv.ParseBool(os.Getenv(name))
	return b
}

// inBackground runs fn in a goroutine under a context of its own; the
// function it returns cancels that context and waits for fn to return.
func inBackground(ctx context.Context, fn func(context.Context)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// every runs fn every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, fn func()) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			fn()
		}
	}
}

// envDuration reads a duration environment variable, or def when it is
// unset or unparsable.
func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

// warnMissingYears logs the years running clocks need that no calendar
// holds yet; administrators also see this on their home page.
func warnMissingYears(ctx context.Context, s *services, logger *slog.Logger) {
	missing, err := s.deadlines.MissingYears(ctx)
	if err != nil {
		logger.Error("unable to check the calendars", "err", err)
		return
	}
	for _, m := range missing {
		logger.Warn("running deadlines need a year the calendar does not hold; import it (Administration → Calendars)",
			"calendar", m.Calendar, "year", m.Year, "clocks", m.Clocks)
	}
}

// forgetKeys deletes the Idempotency-Keys older than store.KeyLifetime.
func forgetKeys(ctx context.Context, s *services, logger *slog.Logger) {
	n, err := s.db.ForgetKeys(ctx, time.Now())
	if err != nil {
		logger.Error("unable to forget expired Idempotency-Keys", "err", err)
		return
	}
	logger.Debug("forgot expired Idempotency-Keys", "keys", n)
}

// tuneGC collects garbage half as often as Go's default unless GOGC says otherwise.
// Shenpi's live heap is small, so at GOGC=100 collections come often and take a sixth of
// the time of SQLite's single writer under load (BENCHMARKS.md); 200 costs at most three
// times the live heap.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
