// Package deadline keeps Shenpi's working-day calendars and running clocks
// in the database. The arithmetic is workday's; deadline stores what an
// administrator edits (the national calendar 全国年节假日安排 and regional
// calendars derived from it) and the clocks of cases, steps, complaints and
// publications, and keeps each clock's derived due instant current: editing
// a calendar recomputes every running clock that depends on it, in the same
// transaction, and records a calendar.changed event counting the owners whose
// deadlines moved. The owners themselves (a million cases, when a holiday
// moves) are rows of calendar_moved_owners keyed by that event, pinned to the
// hash chain by the digest it carries, and read with Book.MovedOwners.
//
// deadline never decides what a clock is for; its owners (casework,
// supervision…) start, pause, extend and stop clocks inside their own
// transactions and record their own events.
package deadline
