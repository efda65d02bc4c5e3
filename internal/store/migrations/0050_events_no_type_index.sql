-- Nothing reads events by type through an index: subscribers read the log
-- in id order, and a case's events by stream. The index cost a third of
-- every append.
DROP INDEX events_type;
