-- A member of a department's staff may hold more than one role in it (a handler who
-- also reviews): the roles beyond the user's own, comma-separated (",handler,reviewer,"
-- with the commas around, so that one LIKE finds a role). A task for a role goes to
-- everyone who holds it; the process keeps apart whoever handled a step from the steps
-- it says (distinct_from).
ALTER TABLE users ADD COLUMN extra_roles TEXT NOT NULL DEFAULT '';
