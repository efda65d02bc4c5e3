-- A checkpoint that moves a stream's anchor keeps, as its base, the anchor
-- as of the last verified checkpoint (or an older one), so that a routine
-- verification reads a moved stream from the event it last verified, not
-- from its first event, however many checkpoints came between.
ALTER TABLE event_anchors ADD COLUMN base_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE event_anchors ADD COLUMN base_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE event_anchors ADD COLUMN base_checkpoint BIGINT NOT NULL DEFAULT 0;
