-- Refusals of one kind (peer, caller, method, reason) in an interval are one
-- audit record plus one with their count (services/domain/refusal_tally.h):
-- a flood of refused calls does not become a flood of rows. The peer is kept
-- for every record from now on.
ALTER TABLE audit_records
  ADD COLUMN peer text NOT NULL DEFAULT '',
  ADD COLUMN repeats bigint NOT NULL DEFAULT 0 CHECK (repeats >= 0);
