// Package refuse is the small vocabulary every domain uses to say no: the
// thing asked for does not exist (or the asker may not know it does), it
// clashes with the current state, the asker may not do it, or a field is
// wrong. A refusal changes nothing. Domains define their own sentinels of
// these kinds (catalog.ErrNotFound is a refuse.ErrNotFound), so callers may
// test for either; internal/web maps the kinds to HTTP statuses and pages
// in one place.
//
// refuse knows nothing of HTTP or of any domain; it must import neither.
package refuse
