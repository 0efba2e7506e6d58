-- 0001: the directory (regions, commissions), cases with their parties,
-- agents and claims, the append-only case history, case-number sequences and
-- idempotency keys.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 行政区划 (GB/T 2260)
CREATE TABLE regions (
  code         char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
  parent_code  char(6) REFERENCES regions (code),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'PROVINCE') = (parent_code IS NULL))
);
CREATE INDEX regions_parent_idx ON regions (parent_code, code);

-- 劳动人事争议仲裁委员会
CREATE TABLE commissions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code           char(6) NOT NULL REFERENCES regions (code),
  name                  text NOT NULL,
  case_number_template  text NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);

-- Per-commission, per-year case number sequence; incremented inside the
-- creating transaction, so a number is used exactly once and never reused.
CREATE TABLE case_number_sequences (
  commission_id  uuid NOT NULL REFERENCES commissions (id),
  year           int NOT NULL,
  last_seq       bigint NOT NULL,
  PRIMARY KEY (commission_id, year)
);

CREATE TABLE cases (
  id                 uuid PRIMARY KEY,
  case_number        text NOT NULL UNIQUE,
  commission_id      uuid NOT NULL REFERENCES commissions (id),
  region_code        char(6) NOT NULL REFERENCES regions (code),
  state              text NOT NULL,
  facts_and_reasons  text NOT NULL,
  application_date   date NOT NULL,
  received_at        timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  version            bigint NOT NULL DEFAULT 1,
  withdrawal_reason  text NOT NULL DEFAULT '',
  created_by         text NOT NULL
);
-- The default list order and its keyset cursor: newest first, id breaks ties.
CREATE INDEX cases_received_idx ON cases (received_at DESC, id DESC);
CREATE INDEX cases_commission_received_idx ON cases (commission_id, received_at DESC, id DESC);
CREATE INDEX cases_region_received_idx ON cases (region_code, received_at DESC, id DESC);
CREATE INDEX cases_state_received_idx ON cases (state, received_at DESC, id DESC);

-- 当事人: applicants and respondents, in entry order.
CREATE TABLE case_parties (
  case_id                     uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
  side                        text NOT NULL CHECK (side IN ('APPLICANT', 'RESPONDENT')),
  position                    int NOT NULL,
  kind                        text NOT NULL,
  name                        text NOT NULL,
  resident_id_number          text NOT NULL DEFAULT '',
  unified_social_credit_code  text NOT NULL DEFAULT '',
  other_id_kind               text NOT NULL DEFAULT '',
  other_id_number             text NOT NULL DEFAULT '',
  phone                       text NOT NULL DEFAULT '',
  address                     text NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, side, position)
);
CREATE INDEX case_parties_name_trgm_idx ON case_parties USING gin (name gin_trgm_ops);

-- 委托代理人
CREATE TABLE case_agents (
  case_id         uuid NOT NULL,
  side            text NOT NULL,
  party_position  int NOT NULL,
  position        int NOT NULL,
  name            text NOT NULL,
  kind            text NOT NULL,
  phone           text NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, side, party_position, position),
  FOREIGN KEY (case_id, side, party_position)
    REFERENCES case_parties (case_id, side, position) ON DELETE CASCADE
);

-- 仲裁请求
CREATE TABLE case_claims (
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
  position      int NOT NULL,
  dispute_type  text NOT NULL,
  description   text NOT NULL,
  amount_fen    bigint CHECK (amount_fen >= 0),
  PRIMARY KEY (case_id, position)
);
CREATE INDEX case_claims_type_idx ON case_claims (dispute_type, case_id);

-- The append-only history of every case, written in the same transaction as
-- the change it records.
CREATE TABLE case_events (
  sequence     bigserial PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES cases (id),
  kind         text NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  actor        text NOT NULL,
  actor_role   text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  summary      text NOT NULL DEFAULT '',
  request_id   text NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case_idx ON case_events (case_id, sequence);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END $$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- Idempotency of mutating RPCs: (caller, method, request_id) with a
-- fingerprint of the request and the response, stored with the change.
CREATE TABLE idempotency_keys (
  caller       text NOT NULL,
  method       text NOT NULL,
  request_id   text NOT NULL,
  fingerprint  bytea NOT NULL,
  response     bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, method, request_id)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
