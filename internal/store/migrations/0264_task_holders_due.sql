-- A queue's extra holders (the candidates of an unclaimed task, the absent
-- user a deputy acts for, the departments of a task across several) carry
-- their task's due_at, kept with it, so that a to-do's first page reads them
-- in its order from their own index instead of sorting every candidate row of
-- the user (tens of thousands at a million cases).
ALTER TABLE process_task_holders ADD COLUMN due_at BIGINT NOT NULL DEFAULT 9223372036854775807;
UPDATE process_task_holders SET due_at = COALESCE((SELECT t.due_at FROM process_tasks t
    WHERE t.instance_id = process_task_holders.instance_id AND t.task_id = process_task_holders.task_id), 9223372036854775807);
CREATE INDEX process_task_holders_due ON process_task_holders(kind, holder, due_at, instance_id, task_id);
-- The open tasks' indexes hold status too, although they are partial on it:
-- SQLite otherwise reads each task's row to check it, so counting a queue
-- read a row per task instead of the index alone.
DROP INDEX process_tasks_open_assignee;
DROP INDEX process_tasks_open_department;
CREATE INDEX process_tasks_open_assignee ON process_tasks(assignee, status, due_at, instance_id, task_id) WHERE status = 'open';
CREATE INDEX process_tasks_open_department ON process_tasks(department, status, due_at, instance_id, task_id) WHERE status = 'open';
