package deadline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// Moved is what a calendar edit did to running clocks.
type Moved struct {
	Calendars []string // the edited calendar and those derived from it
	Clocks    int      // running clocks whose due instant changed
	Owners    []string // their owners, e.g. case numbers, each once
}

// Create adds a regional calendar derived from parent, used by the items
// and cases of regionCode and the regions under it.
func (b *Book) Create(ctx context.Context, actor, name, parent, regionCode string) error {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t\n/") {
		return &InvalidError{Field: "name", Key: "workday.calendar.name"}
	}
	return b.db.Tx(ctx, func(tx *store.Tx) error {
		all, err := b.entries(ctx, tx)
		if err != nil {
			return err
		}
		if _, ok := all[name]; ok {
			return &InvalidError{Field: "name", Key: "workday.calendar.exists"}
		}
		if _, ok := all[parent]; !ok {
			return &InvalidError{Field: "parent", Key: "workday.calendar.parent"}
		}
		text := workday.FormatSpecText(workday.Spec{Name: name, Parent: parent})
		if _, err := tx.Exec(ctx, `INSERT INTO calendars (name, parent, region_code, spec, updated_at) VALUES (?, ?, ?, ?, ?)`,
			name, parent, nullable(regionCode), text, b.nextStamp(ctx, tx)); err != nil {
			if store.IsUniqueViolation(err) {
				return &InvalidError{Field: "region", Key: "workday.calendar.region_taken"}
			}
			return err
		}
		_, err = event.Append(ctx, tx, event.Draft{Stream: CalendarStream(name), Type: EventCalendarCreated, Actor: actor, At: b.now(),
			Payload: CalendarCreatedPayload{Parent: parent, Region: regionCode}})
		return err
	})
}

// InvalidError names a field of a calendar edit and a message key.
type InvalidError struct {
	Field string
	Key   string
	Line  int // for import text, the line at fault
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("deadline: invalid %s (%s)", e.Field, e.Key)
}

// DayKind is what an administrator sets a date to.
type DayKind string

const (
	DayOff     DayKind = "off"     // a holiday
	DayWork    DayKind = "work"    // a make-up working day (调休上班)
	DayDefault DayKind = "default" // back to the parent's rule
)

// SetDay marks one date of a calendar and moves the running clocks.
func (b *Book) SetDay(ctx context.Context, actor, name string, d workday.Date, kind DayKind, label string) (Moved, error) {
	return b.edit(ctx, actor, name, func(local *workday.Spec) error {
		same := func(x workday.Date) bool { return x == d }
		local.Holidays = slices.DeleteFunc(local.Holidays, same)
		local.MakeupDays = slices.DeleteFunc(local.MakeupDays, same)
		delete(local.Names, d)
		switch kind {
		case DayOff:
			local.Holidays = append(local.Holidays, d)
		case DayWork:
			local.MakeupDays = append(local.MakeupDays, d)
		case DayDefault:
		default:
			return &InvalidError{Field: "kind", Key: "workday.day.kind"}
		}
		if label = strings.TrimSpace(label); label != "" && kind != DayDefault {
			if local.Names == nil {
				local.Names = map[workday.Date]string{}
			}
			local.Names[d] = label
		}
		if !slices.Contains(local.Years, d.Year) && kind != DayDefault {
			local.Years = append(local.Years, d.Year)
		}
		return nil
	})
}

// ImportYear replaces one year of a calendar's own entries with those in
// text (the import format; only that year's dates are allowed) and moves
// the running clocks. The year is declared loaded even if it has no entry.
func (b *Book) ImportYear(ctx context.Context, actor, name string, year int, text string) (Moved, error) {
	in, err := workday.ParseSpecText(strings.NewReader(text))
	if err != nil {
		inv := &InvalidError{Field: "text", Key: "workday.import.syntax"}
		if pe, ok := err.(*workday.ParseError); ok {
			inv.Line = pe.Line
		}
		return Moved{}, inv
	}
	for _, d := range slices.Concat(in.Holidays, in.MakeupDays) {
		if d.Year != year {
			return Moved{}, &InvalidError{Field: "text", Key: "workday.import.other_year"}
		}
	}
	return b.edit(ctx, actor, name, func(local *workday.Spec) error {
		other := func(d workday.Date) bool { return d.Year == year }
		local.Holidays = append(slices.DeleteFunc(local.Holidays, other), in.Holidays...)
		local.MakeupDays = append(slices.DeleteFunc(local.MakeupDays, other), in.MakeupDays...)
		for d := range local.Names {
			if d.Year == year {
				delete(local.Names, d)
			}
		}
		for d, n := range in.Names {
			if local.Names == nil {
				local.Names = map[workday.Date]string{}
			}
			local.Names[d] = n
		}
		if !slices.Contains(local.Years, year) {
			local.Years = append(local.Years, year)
		}
		return nil
	})
}

// edit changes a calendar's own entries, recomputes every running clock on
// it and on the calendars derived from it, and records the change — all in
// one transaction.
func (b *Book) edit(ctx context.Context, actor, name string, change func(*workday.Spec) error) (Moved, error) {
	var moved Moved
	err := b.db.Tx(ctx, func(tx *store.Tx) error {
		all, err := b.entries(ctx, tx)
		if err != nil {
			return err
		}
		e, ok := all[name]
		if !ok {
			return ErrNotFound
		}
		local := e.Local
		if err := change(&local); err != nil {
			return err
		}
		local.Name, local.Parent = e.Name, e.Parent
		e.Local = local
		all[name] = e
		// Refuse a spec workday cannot build before anything is written.
		if _, err := effective(all, name, 0); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE calendars SET spec = ?, updated_at = ? WHERE name = ?`,
			workday.FormatSpecText(local), b.nextStamp(ctx, tx), name); err != nil {
			return err
		}
		moved, err = b.recompute(ctx, tx, all, name)
		if err != nil {
			return err
		}
		return b.changed(ctx, tx, actor, name, moved)
	})
	return moved, err
}

// nextStamp is a fresh updated_at, strictly newer than any stored, so every
// node's calendar cache notices the change.
func (b *Book) nextStamp(ctx context.Context, tx *store.Tx) int64 {
	var newest int64
	tx.QueryRow(ctx, `SELECT COALESCE(MAX(updated_at), 0) FROM calendars`).Scan(&newest)
	return max(store.Micros(b.now()), newest+1)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
