-- Work queues find most open tasks by their own row: the user a task is with
-- (assignee) and its department. process_task_holders keeps only the rest
-- (the absent user a deputy acts for, the candidates of an unclaimed task, the
-- departments of a task across several), which spares most transitions two
-- statements.
CREATE INDEX process_tasks_open_assignee ON process_tasks(assignee) WHERE status = 'open';
CREATE INDEX process_tasks_open_department ON process_tasks(department) WHERE status = 'open';
DELETE FROM process_task_holders WHERE EXISTS (
    SELECT 1 FROM process_tasks t
    WHERE t.instance_id = process_task_holders.instance_id AND t.task_id = process_task_holders.task_id
      AND ((process_task_holders.kind = 'u' AND process_task_holders.holder = t.assignee)
        OR (process_task_holders.kind = 'd' AND process_task_holders.holder = t.department)));
