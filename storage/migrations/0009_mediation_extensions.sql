-- Agreed extensions of a mediation period: each a record with its inputs and
-- the new due date; the delegation's original period is never edited.
CREATE TABLE mediation_extensions (
  id                 uuid PRIMARY KEY,
  case_id            uuid NOT NULL REFERENCES cases (id),
  delegation_id      uuid NOT NULL REFERENCES delegations (id),
  previous_due       date NOT NULL,
  days               int NOT NULL CHECK (days > 0),
  due                date NOT NULL,
  calendars          text NOT NULL,
  provisional        boolean NOT NULL,
  policy_source      text NOT NULL,
  -- One party's consent a line: "APPLICANT/0=<evidence reference>".
  consents           text NOT NULL,
  reason             text NOT NULL,
  recorded_by        text NOT NULL,
  recorded_at        timestamptz NOT NULL
);
CREATE INDEX mediation_extensions_delegation_idx ON mediation_extensions (delegation_id, recorded_at);
CREATE TRIGGER mediation_extensions_append_only BEFORE UPDATE OR DELETE ON mediation_extensions
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();
