// Package deadline keeps Shenpi's working-day calendars and running clocks
// in the database. The arithmetic is workday's; deadline stores what an
// administrator edits (the national calendar 全国年节假日安排 and regional
// calendars derived from it) and the clocks of cases, steps, complaints and
// publications, and keeps each clock's derived due instant current: editing
// a calendar recomputes every running clock that depends on it, in the same
// transaction, and records a calendar.changed event naming the owners whose
// deadlines moved.
//
// deadline never decides what a clock is for; its owners (casework,
// supervision…) start, pause, extend and stop clocks inside their own
// transactions and record their own events.
package deadline
