-- A queue's extra holders (candidates of an unclaimed task, the absent user
-- a deputy acts for, the departments of a task across several) are paged in
-- the queue's order, oldest task first, straight from their own index: each
-- row carries its task's opening instant. Without it a first page sorted
-- every candidate row of the user (tens of thousands at a million cases).
ALTER TABLE process_task_holders ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
UPDATE process_task_holders SET created_at = (SELECT t.created_at FROM process_tasks t
    WHERE t.instance_id = process_task_holders.instance_id AND t.task_id = process_task_holders.task_id);
CREATE INDEX process_task_holders_page ON process_task_holders(kind, holder, created_at, instance_id, task_id);
