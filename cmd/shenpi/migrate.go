package main

import (
	"context"
	"fmt"
	"io"
)

// migrate applies pending migrations (store.Open does) and reports the result.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return onDatabase(ctx, "migrate", args, stderr, func(s *services) int {
		v, err := s.db.SchemaVersion(ctx)
		if err != nil {
			return report(stderr, fmt.Errorf("unable to read the schema version: %w", err))
		}
		fmt.Fprintf(stdout, "schema version %d\ndatabase: %s\n", v, s.db.Where())
		return exitOK
	})
}
