-- Every list pages by its sort key (internal/keyset): each is read from an
-- index in its order, continuing after the last row shown, so a page costs
-- the same at the millionth case. The unique last column (the case number,
-- the task's id) makes a row's place exact; these replace the narrower
-- indexes the unpaged lists used. The open tasks' indexes hold status too,
-- although they are partial on it, so that counting a queue reads the index
-- alone (SQLite otherwise reads each row to check it).
CREATE INDEX cases_applicant_page ON cases(applicant_id, submitted_at, number);
DROP INDEX cases_applicant;
CREATE INDEX process_tasks_open_assignee_page ON process_tasks(assignee, status, created_at, instance_id, task_id) WHERE status = 'open';
DROP INDEX process_tasks_open_assignee;
CREATE INDEX process_tasks_open_department_page ON process_tasks(department, status, created_at, instance_id, task_id) WHERE status = 'open';
DROP INDEX process_tasks_open_department;
