-- Rollups of the docking report (services/domain/report_rollup.h says which
-- event adds to which figure). Each case event's transaction adds to its
-- day's and its month's counters, so that a report over a province's half
-- year reads a few thousand counters instead of every case: the monthly
-- table serves whole months, the daily one a period's partial months.
-- A room or mediator that does not apply is the nil uuid (keys cannot be
-- NULL). A counter is split into shards by the writing connection
-- (pg_backend_pid() % 16), so that transactions adding to the same figure
-- at once (every application of a busy commission on one day) do not queue
-- on one row until each commits; reports sum the shards.
--
-- report_facts: what the event's context was when it was written (the
-- assigned mediator, the day of the delegation, the fen claimed), so the
-- rollups can be rebuilt from the events alone.
ALTER TABLE case_events ADD COLUMN report_facts text NOT NULL DEFAULT '';

CREATE TABLE report_rollup_days (
  day            date NOT NULL,
  region_code    char(6) NOT NULL,
  commission_id  uuid NOT NULL,
  room_id        uuid NOT NULL,
  mediator_id    uuid NOT NULL,
  figure         text NOT NULL,
  detail         text NOT NULL,
  shard          smallint NOT NULL DEFAULT 0,
  cases          bigint NOT NULL,
  amount_fen     bigint NOT NULL,
  PRIMARY KEY (day, region_code, commission_id, room_id, mediator_id, figure, detail, shard)
);

CREATE TABLE report_rollup_months (
  month          date NOT NULL CHECK (extract(day FROM month) = 1),
  region_code    char(6) NOT NULL,
  commission_id  uuid NOT NULL,
  room_id        uuid NOT NULL,
  mediator_id    uuid NOT NULL,
  figure         text NOT NULL,
  detail         text NOT NULL,
  shard          smallint NOT NULL DEFAULT 0,
  cases          bigint NOT NULL,
  amount_fen     bigint NOT NULL,
  PRIMARY KEY (month, region_code, commission_id, room_id, mediator_id, figure, detail, shard)
);

-- Whether the rollups hold every event. False here, so that the server
-- builds them from the events already recorded at its next start (and a
-- bulk load may set it false again).
CREATE TABLE report_rollup_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  built      boolean NOT NULL
);
INSERT INTO report_rollup_state (built) VALUES (false);

-- Today's open cases of a room, and the ledger's entries of a period.
CREATE INDEX IF NOT EXISTS cases_delegated_room_idx ON cases (delegated_room_id) WHERE delegated_room_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS subsidy_ledger_period_idx ON subsidy_ledger (period_day);
