-- The step clock of a task is named by its id alone (a countersign party sent
-- back to the queue pauses its clock instead of starting another), so the
-- count of openings 0030 kept is not needed.
ALTER TABLE process_tasks DROP COLUMN opened;
