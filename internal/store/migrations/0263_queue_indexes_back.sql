-- 0260 and 0261 gave the work queues indexes by the instant a task opened and
-- dropped the ones by name 0240 had just made for the to-do sorted by time
-- left (process.Queue pages by due_at). The queues are process.Queue's, so
-- its indexes come back and the others go, with the holders' opening instant
-- nothing reads any more.
DROP INDEX process_tasks_open_assignee_page;
DROP INDEX process_tasks_open_department_page;
CREATE INDEX process_tasks_open_assignee ON process_tasks(assignee, due_at, instance_id, task_id) WHERE status = 'open';
CREATE INDEX process_tasks_open_department ON process_tasks(department, due_at, instance_id, task_id) WHERE status = 'open';
DROP INDEX process_task_holders_page;
ALTER TABLE process_task_holders DROP COLUMN created_at;
