package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/workday"
)

const workdayUsage = `workday add YYYY-MM-DD N [--calendar NAME]
       shenpi workday count FROM TO [--calendar NAME]

  add    prints the date N working days after the given date (the given date is day 0)
  count  prints the number of working days after FROM up to and including TO

Both use the national calendar unless --calendar names another, as stored in the database
(so that a year an administrator imported counts).`

func workdayCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("workday", workdayUsage, stderr)
	dbf := addDBFlags(fs)
	calName := fs.String("calendar", deadline.National, "calendar to count on")
	if len(args) == 0 || (args[0] != "add" && args[0] != "count") {
		fs.Usage()
		return exitUsage
	}
	verb := args[0]
	pos, code, ok := parse(fs, args[1:], 2)
	if !ok {
		return code
	}
	from, err := workday.ParseDate(pos[0])
	if err != nil {
		return report(stderr, badInputf("%q is not a date like 2026-10-08", pos[0]))
	}
	s, err := dbf.open(ctx)
	if err != nil {
		return report(stderr, err)
	}
	defer s.Close()
	cal, err := s.deadlines.Calendar(ctx, *calName)
	if err != nil {
		return report(stderr, badInputf("no calendar named %q", *calName))
	}
	var result string
	var needs []workday.Date
	switch verb {
	case "add":
		n, err := strconv.Atoi(pos[1])
		if err != nil || n < 0 || n > 10000 {
			return report(stderr, badInputf("%q is not a number of working days from 0 to 10000", pos[1]))
		}
		to := cal.AddWorkdays(from, n)
		result, needs = to.String(), []workday.Date{from, to}
	case "count":
		to, err := workday.ParseDate(pos[1])
		if err != nil {
			return report(stderr, badInputf("%q is not a date like 2026-10-08", pos[1]))
		}
		result, needs = strconv.Itoa(cal.CountWorkdays(from, to)), []workday.Date{from, to}
	}
	fmt.Fprintln(stdout, result)
	for _, d := range needs {
		if !cal.Covers(d) {
			fmt.Fprintf(stderr, "shenpi: warning: calendar %s holds no holiday schedule for %d; counted Monday to Friday\n", cal.Name(), d.Year)
			break
		}
	}
	return exitOK
}
