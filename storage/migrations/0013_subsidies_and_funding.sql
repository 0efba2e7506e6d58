-- Case subsidies (办案补贴) and their funding (经费保障): the funding-officer
-- role, a case's subsidy tier, versioned subsidy standards, the append-only
-- ledger with one accrual per mediation outcome, budgets as entries, and
-- settlement batches whose entries are in one live batch and paid once.

-- Funding officers: scoped by region like reporting, never unmasking.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check, DROP CONSTRAINT api_tokens_check,
  ADD CONSTRAINT api_tokens_role_check
    CHECK (role IN ('admin', 'arbitration_staff', 'room_staff', 'reporting', 'funding')),
  ADD CONSTRAINT api_tokens_check CHECK (NOT (role IN ('reporting', 'funding') AND may_unmask));
ALTER TABLE certificate_principals DROP CONSTRAINT certificate_principals_role_check,
  DROP CONSTRAINT certificate_principals_check,
  ADD CONSTRAINT certificate_principals_role_check
    CHECK (role IN ('admin', 'arbitration_staff', 'room_staff', 'reporting', 'funding')),
  ADD CONSTRAINT certificate_principals_check CHECK (NOT (role IN ('reporting', 'funding') AND may_unmask));

-- Staff designate a case simple or complex (ordinary by default); collective
-- is computed at accrual from the applicants.
ALTER TABLE cases ADD COLUMN subsidy_tier text NOT NULL DEFAULT 'ORDINARY'
  CHECK (subsidy_tier IN ('SIMPLE', 'ORDINARY', 'COMPLEX'));

CREATE TABLE subsidy_standards (
  id                      uuid PRIMARY KEY,
  region_code             char(6) NOT NULL REFERENCES regions (code),
  effective_from          date NOT NULL,
  effective_until         date CHECK (effective_until >= effective_from),
  simple_fen              bigint NOT NULL CHECK (simple_fen BETWEEN 0 AND 10000000),
  ordinary_fen            bigint NOT NULL CHECK (ordinary_fen BETWEEN 0 AND 10000000),
  complex_fen             bigint NOT NULL CHECK (complex_fen BETWEEN 0 AND 10000000),
  collective_fen          bigint NOT NULL CHECK (collective_fen BETWEEN 0 AND 10000000),
  collective_min_workers  int NOT NULL CHECK (collective_min_workers BETWEEN 2 AND 1000),
  failed_case_fen         bigint NOT NULL CHECK (failed_case_fen BETWEEN 0 AND 10000000),
  paid_failures           text[] NOT NULL,
  cap_period              text CHECK (cap_period IN ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR')),
  cap_amount_fen          bigint NOT NULL CHECK (cap_amount_fen >= 0),
  cap_count               int NOT NULL CHECK (cap_count >= 0),
  require_session         boolean NOT NULL,
  settlement_period       text NOT NULL CHECK (settlement_period IN ('QUARTER', 'HALF_YEAR')),
  basis                   text NOT NULL,
  created_by              text NOT NULL,
  created_at              timestamptz NOT NULL,
  UNIQUE (region_code, effective_from),
  CHECK (cap_period IS NOT NULL OR (cap_amount_fen = 0 AND cap_count = 0))
);
CREATE TRIGGER subsidy_standards_append_only BEFORE UPDATE OR DELETE ON subsidy_standards
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- The ledger. An ACCRUAL per mediation outcome (one per delegation: the
-- unique index below, so two servers or a retry cannot accrue twice); a
-- REVERSAL names the accrual it negates, at most once.
CREATE TABLE subsidy_ledger (
  id              uuid PRIMARY KEY,
  sequence        bigserial NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('ACCRUAL', 'REVERSAL')),
  case_id         uuid NOT NULL REFERENCES cases (id),
  case_number     text NOT NULL,
  delegation_id   uuid NOT NULL REFERENCES delegations (id),
  region_code     char(6) NOT NULL REFERENCES regions (code),
  commission_id   uuid NOT NULL REFERENCES commissions (id),
  room_id         uuid NOT NULL REFERENCES mediation_rooms (id),
  mediator_id     uuid NOT NULL REFERENCES mediators (id),
  outcome         text NOT NULL CHECK (outcome IN ('SUCCEEDED_PERFORMED', 'SUCCEEDED_DOCUMENT', 'FAILED')),
  failure_reason  text NOT NULL DEFAULT '',
  outcome_at      timestamptz NOT NULL,
  -- The day in China that places the entry in a period: the outcome's, or
  -- a reversal's own.
  period_day      date NOT NULL,
  tier            text NOT NULL CHECK (tier IN ('SIMPLE', 'ORDINARY', 'COMPLEX', 'COLLECTIVE')),
  amount_fen      bigint NOT NULL,
  standard_id     uuid REFERENCES subsidy_standards (id),
  rule            text NOT NULL,
  no_subsidy      text NOT NULL DEFAULT '',
  reverses        uuid UNIQUE REFERENCES subsidy_ledger (id),
  reason          text NOT NULL DEFAULT '',
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  CHECK ((kind = 'ACCRUAL') = (reverses IS NULL)),
  CHECK (kind = 'REVERSAL' OR amount_fen >= 0),
  CHECK (no_subsidy = '' OR amount_fen = 0)
);
CREATE UNIQUE INDEX subsidy_ledger_one_accrual_idx ON subsidy_ledger (delegation_id) WHERE kind = 'ACCRUAL';
CREATE INDEX subsidy_ledger_region_idx ON subsidy_ledger (region_code, period_day);
CREATE INDEX subsidy_ledger_mediator_idx ON subsidy_ledger (mediator_id, period_day);
CREATE INDEX subsidy_ledger_case_idx ON subsidy_ledger (case_id);
CREATE TRIGGER subsidy_ledger_append_only BEFORE UPDATE OR DELETE ON subsidy_ledger
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- Budgets: an initial amount and top-ups, as entries, never edits.
CREATE TABLE funding_budget_entries (
  id           uuid PRIMARY KEY,
  region_code  char(6) NOT NULL REFERENCES regions (code),
  year         int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source       text NOT NULL CHECK (source IN ('HRSS', 'UNION')),
  amount_fen   bigint NOT NULL CHECK (amount_fen BETWEEN 1 AND 10000000000),
  note         text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX funding_budget_entries_idx ON funding_budget_entries (region_code, year, source);
CREATE TRIGGER funding_budget_entries_append_only BEFORE UPDATE OR DELETE ON funding_budget_entries
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

CREATE TABLE settlement_batches (
  id                 uuid PRIMARY KEY,
  region_code        char(6) NOT NULL REFERENCES regions (code),
  period_year        int NOT NULL,
  period_kind        text NOT NULL CHECK (period_kind IN ('QUARTER', 'HALF_YEAR')),
  period_number      int NOT NULL,
  source             text NOT NULL CHECK (source IN ('HRSS', 'UNION')),
  status             text NOT NULL CHECK (status IN ('DRAFT', 'CHECKED', 'APPROVED', 'PAID', 'CANCELLED')),
  total_fen          bigint NOT NULL,
  drafted_by         text NOT NULL,
  drafted_at         timestamptz NOT NULL,
  checked_by         text NOT NULL DEFAULT '',
  checked_at         timestamptz,
  approved_by        text NOT NULL DEFAULT '',
  approved_at        timestamptz,
  paid_by            text NOT NULL DEFAULT '',
  paid_at            timestamptz,
  payment_reference  text NOT NULL DEFAULT '',
  cancelled_by       text NOT NULL DEFAULT '',
  cancelled_at       timestamptz,
  cancel_reason      text NOT NULL DEFAULT '',
  -- Four eyes: whoever drafted or checked a batch does not approve it.
  CHECK (approved_by = '' OR (approved_by <> drafted_by AND approved_by <> checked_by)),
  CHECK ((status IN ('APPROVED', 'PAID')) = (approved_at IS NOT NULL) OR status = 'CANCELLED'),
  CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
);
CREATE INDEX settlement_batches_region_idx ON settlement_batches (region_code, period_year, source);

-- Membership: an entry is in at most one live batch (cancelling a batch, or
-- holding an entry back, makes its row not live).
CREATE TABLE settlement_items (
  batch_id     uuid NOT NULL REFERENCES settlement_batches (id),
  entry_id     uuid NOT NULL REFERENCES subsidy_ledger (id),
  live         boolean NOT NULL DEFAULT true,
  hold_reason  text NOT NULL DEFAULT '' CHECK (hold_reason IN ('', 'CAP_AMOUNT', 'CAP_COUNT')),
  hold_detail  text NOT NULL DEFAULT '',
  PRIMARY KEY (batch_id, entry_id),
  CHECK (hold_reason = '' OR NOT live)
);
CREATE UNIQUE INDEX settlement_items_one_live_idx ON settlement_items (entry_id) WHERE live;

-- Payment: once per entry, whatever happens to batches.
CREATE TABLE subsidy_payments (
  entry_id   uuid PRIMARY KEY REFERENCES subsidy_ledger (id),
  batch_id   uuid NOT NULL REFERENCES settlement_batches (id),
  paid_at    timestamptz NOT NULL
);
CREATE TRIGGER subsidy_payments_append_only BEFORE UPDATE OR DELETE ON subsidy_payments
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();
