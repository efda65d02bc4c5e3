-- Working-day calendars. spec holds the calendar's own entries in the text
-- import format; a calendar with a parent inherits the parent's schedule and
-- overrides it date by date. region_code ties a regional calendar to the
-- region whose items and cases use it.
CREATE TABLE calendars (
    name        TEXT PRIMARY KEY,
    parent      TEXT REFERENCES calendars(name),
    region_code TEXT UNIQUE REFERENCES regions(code),
    spec        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- A due group is a set of clocks that by the counting rule share one due
-- instant: every plain clock (a budget in days, no pause, no extension) of
-- a calendar started on the same local day with the same budget; or one
-- clock that is not plain (plain_day NULL). The due instant is derived from
-- the clocks and the calendar and stored here, once per group, as the
-- next-due index for supervision; recomputing after a calendar edit touches
-- groups, not cases. due_at is 0 while a clock is paused; missing_year names
-- a year the computation needed that the calendar lacks (0 when none).
CREATE TABLE due_groups (
    id           {{id}},
    calendar     TEXT NOT NULL REFERENCES calendars(name),
    plain_day    TEXT,
    plain_days   INTEGER,
    due_at       BIGINT NOT NULL,
    missing_year INTEGER NOT NULL DEFAULT 0,
    UNIQUE (calendar, plain_day, plain_days)
);
CREATE INDEX due_groups_due ON due_groups(due_at);

-- Clocks: the time budgets of cases, steps, complaints, publications. The
-- calendar, start, budget, pauses and extensions (detail, JSON, '' when
-- none) are the truth.
CREATE TABLE clocks (
    id           {{id}},
    owner        TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    calendar     TEXT NOT NULL REFERENCES calendars(name),
    start_at     BIGINT NOT NULL,
    budget_days  INTEGER NOT NULL,
    budget_hours INTEGER NOT NULL,
    detail       TEXT NOT NULL,
    running      BOOLEAN NOT NULL,
    group_id     BIGINT NOT NULL REFERENCES due_groups(id),
    UNIQUE (owner, purpose)
);
CREATE INDEX clocks_group ON clocks(group_id, running);
