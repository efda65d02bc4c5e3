-- The to-do list (待办) is sorted by time left: each open task carries the due
-- instant of its step clock (9223372036854775807 when it has none or its clock
-- is paused, so such tasks come last), kept by process as the clock starts,
-- pauses and resumes. The queues page by (due_at, instance_id, task_id), the
-- done list (已办) by (done_by, closed_at, …), each read in index order.
ALTER TABLE process_tasks ADD COLUMN due_at BIGINT NOT NULL DEFAULT 9223372036854775807;
DROP INDEX process_tasks_open_assignee;
DROP INDEX process_tasks_open_department;
CREATE INDEX process_tasks_open_assignee ON process_tasks(assignee, due_at, instance_id, task_id) WHERE status = 'open';
CREATE INDEX process_tasks_open_department ON process_tasks(department, due_at, instance_id, task_id) WHERE status = 'open';
CREATE INDEX process_tasks_done_by ON process_tasks(done_by, closed_at, instance_id, task_id) WHERE status = 'completed';
