// Package workday owns working-day calendars (工作日历) and case clocks (办件计时):
// it answers "is this a working day?" and "when is this case due?" for the
// statutory and promised time limits (法定时限 / 承诺时限), which the Administrative
// Licensing Law (Art. 82) counts in working days excluding statutory holidays.
//
// It is pure computation. It never touches the database, never reads the wall
// clock (callers pass now), and never stores a due date: the due instant is always
// derived from a [Clock] and a [Calendar], so editing a calendar moves the
// deadlines of running cases as soon as the caller recomputes them.
//
// # Working days
//
// A day is a working day if it is Monday to Friday and not a holiday, or if it is
// a make-up working day (调休上班): a Saturday or Sunday worked because the State
// Council moved a weekend next to a holiday. Dates are civil dates ([Date]) in the
// calendar's time zone (Asia/Shanghai unless the calendar says otherwise).
//
// A region's calendar derives from its parent's ([Derive]): the local entries
// override the parent's for the same dates. A calendar knows which years it holds
// a schedule for ([Calendar.Years]); outside them it still counts by the
// Monday-to-Friday rule, and clock queries return their result together with an
// error wrapping [ErrYearNotLoaded] so that administrators can be warned.
//
// # The counting rule
//
// For a budget of N working days:
//
//   - The day of acceptance — the date of [Clock.Start] in the calendar's time
//     zone — is day 0 and is never counted, whatever the time of day and whether
//     or not it is a working day. Cases accepted at 09:00 and at 16:59 on the same
//     day are due at the same instant.
//   - The working days after day 0 are counted 1, 2, …; the limit ends at close of
//     business (the end of the last WorkHours span) of the N-th. Accepted on a
//     Friday, a Saturday or a holiday with N = 1, a case is due at the close of the
//     next working day.
//   - Each extension (延期) adds its Days to N.
//   - A pause (补正 correction, 特别程序 special procedure, 中止 suspension) stops the
//     count for every working day whose working hours it covers, even in part:
//     such a day is not counted and the due day moves one working day later. A
//     pause that covers no working hours (an evening, lunch, a weekend, a holiday)
//     moves nothing, and a pause that begins after the due day cannot bring a
//     late case back in time.
//   - While a pause is open (To is zero) the clock is stopped and has no due
//     instant: [Clock.Due] returns [ErrPaused] and [State] reports Paused.
//
// For a budget of H hours the count is working time within the WorkHours spans
// of working days, to the second, starting at the start instant itself (or the
// next opening if it falls outside working hours). A pause subtracts exactly the
// working time it covers; an extension of D days adds D full working days of
// working time (7 hours each with the default hours). With the default hours
// 09:00–12:00 and 13:30–17:30, 4 hours from Friday 11:00 end Friday 16:30, and
// 4 hours from Friday 16:00 end at 11:30 on the next working day.
//
// Used counts the counted working days that have closed (or working minutes
// elapsed); Remaining is the budget minus Used, never negative, so on the due
// day Remaining is 1; Overdue counts the counted working days after the due day
// that have begun (or the working minutes past the due instant, rounded up).
//
// [Calendar.CountWorkdays](from, to) is the number of working days d with
// from < d <= to, so CountWorkdays(d, AddWorkdays(d, n)) == n.
//
// # Calendar text format
//
// Calendars are shipped (data/cn.txt, the national schedule) and imported by
// administrators as UTF-8 text, one entry a line:
//
//	# a comment (a whole line; blank lines are ignored too)
//	name cn                          the calendar's name
//	parent cn                        the calendar it derives from (optional)
//	zone Asia/Shanghai               IANA time zone (optional)
//	hours 09:00-12:00 13:30-17:30    working hours (optional)
//	year 2026                        declares 2026's schedule loaded
//	2026-01-01 off 元旦               a holiday, with an optional label
//	2026-02-15..2026-02-23 off 春节   a range of holidays, both ends included
//	2026-02-14 work 春节（调休上班）    a weekend day that is worked
//
// A year also counts as loaded when any entry falls in it. [ParseSpecText] reads
// this format, naming the line of any mistake; [FormatSpecText] writes it back.
package workday
