-- The administrators' users list pages by username within its filter (a
-- department, a role), read from these indexes in that order.
CREATE INDEX users_department_page ON users(department_id, username);
CREATE INDEX users_role_page ON users(role, username);
