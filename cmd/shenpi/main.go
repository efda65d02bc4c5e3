// Command shenpi is Shenpi's one binary: it serves the web application and
// administers its database from the command line.
//
// Every subcommand is a function of (ctx, args, stdout, stderr) returning
// an exit code, so tests run them in-process exactly as a shell would.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

// Exit codes: 2 means the input was wrong and nothing was changed.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is one subcommand and the line of help that describes it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands is filled in init because help refers to it.
var commands []command

func init() {
	commands = []command{
		{"serve", "run the web application (creates the first administrator on an empty database)", serve},
		{"migrate", "apply database migrations and print the schema version", migrate},
		{"user", "add a user, reset a password or issue an API token (user add|passwd|token)", userCmd},
		{"verify", "check the event log: every stream's chain and head, the checkpoint chain (--full, --checkpoint FILE)", verify},
		{"checkpoint", "checkpoint the event log now, or export the checkpoints to a file (checkpoint [export FILE])", checkpointCmd},
		{"backup", "write a backup of the SQLite database and the uploaded files while serving (backup FILE)", backupCmd},
		{"restore", "restore a backup into a new data directory once its event log verifies (restore FILE --data DIR)", restoreCmd},
		{"demo", "load the demo organisation and users without serving", demoCmd},
		{"workday", "working-day arithmetic for checking a deadline by hand (workday add|count)", workdayCmd},
		{"version", "print the version of Shenpi and of Go", versionCmd},
		{"help", "print this help", help},
	}
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		help(ctx, nil, stdout, stderr)
		return exitUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "shenpi: unknown command %q\n\n", args[0])
	help(ctx, nil, stderr, stderr)
	return exitUsage
}

func help(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprint(stdout, "Shenpi (审批) — online administrative approval.\n\nUsage: shenpi COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(stdout, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(stdout, "\nRun `shenpi COMMAND -h` for a command's flags. Every command that uses the database\n"+
		"takes --db (SHENPI_DB) and --data (SHENPI_DATA); with neither, Shenpi uses SQLite in ./data.\n")
	return exitOK
}

// newFlagSet makes a subcommand's flag set; errors and -h go to stderr.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: shenpi %s\n", usage)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(stderr, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags wherever they appear among the positional arguments
// (the flag package stops at the first one), so `shenpi user token handler1
// --name ci` works; everything after "--" is positional. It requires exactly
// want positional arguments and returns them, or false and the exit code
// (0 after -h, 2 for bad usage).
func parse(fs *flag.FlagSet, args []string, want int) ([]string, int, bool) {
	var positional []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) > 0 {
			positional = append(positional, rest[0])
			rest = rest[1:]
		}
		args = rest
	}
	if len(positional) != want {
		fs.Usage()
		return nil, exitUsage, false
	}
	return positional, exitOK, true
}

// getenv returns the environment variable or a default.
func getenv(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && strings.TrimSpace(v) != "" {
		return v
	}
	return def
}

// dbFlags are the flags of every command that opens the database.
type dbFlags struct {
	dsn     string
	data    string
	keyFile string
}

func addDBFlags(fs *flag.FlagSet) *dbFlags {
	f := &dbFlags{}
	fs.StringVar(&f.dsn, "db", getenv("SHENPI_DB", ""),
		"database: empty for SQLite under --data, postgres://… for PostgreSQL, or a SQLite file path (env SHENPI_DB)")
	fs.StringVar(&f.data, "data", getenv("SHENPI_DATA", "./data"),
		"data directory for the SQLite database and uploaded files (env SHENPI_DATA)")
	fs.StringVar(&f.keyFile, "key-file", getenv("SHENPI_KEY_FILE", ""),
		"file of the keys personal data is sealed under; keep it apart from the data and its backups (default DATA.keys/shenpi.key beside the data directory; env SHENPI_KEY_FILE)")
	return f
}

// keyPath is the key file: --key-file, or shenpi.key in a directory beside
// the data directory (never inside it, so that neither `shenpi backup` nor
// a copy of the data directory carries it).
func (f *dbFlags) keyPath() string {
	if f.keyFile != "" {
		return f.keyFile
	}
	return filepath.Join(filepath.Clean(f.data)+".keys", "shenpi.key")
}

// keys loads the key file; without one, nothing personal can be written
// or read (commands that touch none, like verify and backup, work).
func (f *dbFlags) keys() (*seal.Keys, error) {
	path := f.keyPath()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return seal.LoadFile(path)
}

// services are the domain objects a command works with.
type services struct {
	db        *store.DB
	org       *org.Org
	auth      *auth.Auth
	deadlines *deadline.Book
	catalog   *catalog.Catalog
	casework  *casework.Casework
}

// open opens (and so migrates) the database and builds the services on it.
func (f *dbFlags) open(ctx context.Context) (*services, error) {
	keys, err := f.keys()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, f.dsn, f.data, store.WithKeys(keys))
	if err != nil {
		return nil, err
	}
	o := org.New(db, time.Now)
	book, err := deadline.Open(ctx, db, time.Now)
	if err != nil {
		db.Close()
		return nil, err
	}
	files, err := openFiles(ctx, db, f.data)
	if err != nil {
		db.Close()
		return nil, err
	}
	event.Install(db, projectors())
	items := catalog.New(db, o, time.Now)
	cases := casework.New(db, files, book, time.Now)
	return &services{db: db, org: o, auth: auth.New(db, o, time.Now), deadlines: book, catalog: items, casework: cases}, nil
}

func (s *services) Close() error { return s.db.Close() }

// openFiles opens the store of uploaded files: on SQLite the directory
// files under the data directory; on PostgreSQL the database itself, so
// that every server on it reads every file (docs/operations.md), after
// copying in any files an earlier version kept under the data directory.
func openFiles(ctx context.Context, db *store.DB, data string) (*blob.Store, error) {
	dir := filepath.Join(data, "files")
	if db.Engine() != store.Postgres {
		return blob.Open(dir)
	}
	files, err := blob.OpenPostgres(ctx, db)
	if err != nil {
		return nil, err
	}
	if _, err := files.ImportDir(ctx, dir); err != nil {
		return nil, err
	}
	return files, nil
}

// onDatabase runs a command that takes only the database flags: it parses
// them, opens the database and hands the services to do, which returns
// the exit code.
func onDatabase(ctx context.Context, name string, args []string, stderr io.Writer, do func(*services) int) int {
	fs := newFlagSet(name, name+" [--db DSN] [--data DIR]", stderr)
	return withDatabase(ctx, fs, addDBFlags(fs), args, 0, stderr, func(s *services, _ []string) int { return do(s) })
}

// withDatabase parses args with fs, which holds dbf, requiring want
// positional arguments, opens the database and hands the services and the
// positional arguments to do, which returns the exit code.
func withDatabase(ctx context.Context, fs *flag.FlagSet, dbf *dbFlags, args []string, want int, stderr io.Writer,
	do func(*services, []string) int) int {
	pos, code, ok := parse(fs, args, want)
	if !ok {
		return code
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	return do(s, pos)
}

// badInput is an error in what was typed; nothing was changed.
type badInput struct{ msg string }

func (e *badInput) Error() string { return e.msg }

func badInputf(format string, args ...any) error {
	return &badInput{msg: fmt.Sprintf(format, args...)}
}

// report prints err the way every command does and returns the exit code:
// 2 for bad input (including org's validation errors), 1 for the rest.
func report(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "shenpi: %s\n", describe(err))
	var (
		bad *badInput
		inv *org.InvalidError
	)
	if errors.As(err, &bad) || errors.As(err, &inv) {
		return exitUsage
	}
	return exitFailure
}
