package main

import (
	"context"
	"fmt"
	"io"

	"github.com/shenpi/shenpi/internal/event"
)

// verify checks every event stream's hash chain.
func verify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return onDatabase(ctx, "verify", args, stderr, func(s *services) int {
		r, err := event.Verify(ctx, s.db)
		if err != nil {
			return report(stderr, err)
		}
		if len(r.Problems) == 0 {
			fmt.Fprintf(stdout, "%d streams, %d events, all chains intact\n", r.Streams, r.Events)
			return exitOK
		}
		for _, p := range r.Problems {
			fmt.Fprintln(stdout, p.String())
		}
		fmt.Fprintf(stdout, "%d streams, %d events, %d broken chains\n", r.Streams, r.Events, len(r.Problems))
		return exitFailure
	})
}
