-- The change feed for reporting jobs: every case event carries the id of the
-- transaction that wrote it. A reader delivers, in (xact, sequence) order,
-- only events of transactions older than its snapshot's xmin: those have
-- all finished, so no event can later appear before one already delivered,
-- and a reader resuming from its cursor sees each event exactly once,
-- without serialising the writers. (Events written before this migration
-- all get its own transaction id, and keep their sequence order.)
ALTER TABLE case_events ADD COLUMN xact xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX case_events_feed_idx ON case_events (xact, sequence);
