package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/shenpi/shenpi/internal/demo"
	"github.com/shenpi/shenpi/internal/process"
)

// demoCmd loads the demo organisation without serving.
func demoCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo", "demo [--db DSN] [--data DIR] [--key-file FILE]", stderr)
	dbf := addDBFlags(fs)
	pos, code, ok := parse(fs, args, 0)
	if !ok {
		return code
	}
	if err := ensureKeyFile(dbf, stderr); err != nil { // the demo's people have ID numbers and mobiles
		return report(stderr, err)
	}
	return withDatabase(ctx, fs, dbf, pos, 0, stderr, func(s *services, _ []string) int {
		if err := loadDemo(ctx, s, stdout); err != nil {
			return report(stderr, err)
		}
		return exitOK
	})
}

// loadDemo loads the demo and prints its accounts, for demo and serve --demo.
func loadDemo(ctx context.Context, s *services, stdout io.Writer) error {
	accounts, err := demo.Load(ctx, s.org, s.auth, s.db)
	if err != nil {
		return err
	}
	err = demo.LoadCases(ctx, demo.Services{DB: s.db, Org: s.org, Catalog: s.catalog, Casework: s.casework,
		Processes: process.New(process.Config{DB: s.db, Org: s.org, Clocks: s.deadlines, Now: time.Now})})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo data loaded. Every demo account's password is %s\n\n", demo.Password)
	// The Chinese name is last: tabwriter counts runes, not screen columns,
	// so wide characters would misalign any column after them.
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tROLE\tNAME")
	for _, a := range accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Username, a.Role, a.DisplayName)
	}
	tw.Flush()
	fmt.Fprintln(stdout)
	return nil
}
