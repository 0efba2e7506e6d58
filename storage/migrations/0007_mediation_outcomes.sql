-- Mediation and its outcomes: sessions (调解记录), agreements (调解协议书)
-- with their obligations and signature checklists, performance (履行), the
-- numbered documents with their content hashes, and how a case ended.

-- How mediation ended (SUCCEEDED_PERFORMED or FAILED with a reason), when a
-- failed case came back to the commission, and how arbitration closed it.
ALTER TABLE cases
  ADD COLUMN mediation_outcome text NOT NULL DEFAULT '',
  ADD COLUMN failure_reason    text NOT NULL DEFAULT '',
  ADD COLUMN returned_at       timestamptz,
  ADD COLUMN closing_manner    text NOT NULL DEFAULT '',
  ADD COLUMN closing_note      text NOT NULL DEFAULT '';

CREATE FUNCTION mediation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

-- 调解记录: one row per session held.
CREATE TABLE mediation_sessions (
  id             uuid PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES cases (id),
  delegation_id  uuid NOT NULL REFERENCES delegations (id),
  held_at        timestamptz NOT NULL,
  online         boolean NOT NULL,
  place          text NOT NULL,
  -- One attendee a line: "APPLICANT/0", "MEDIATOR", "AGENT:<name>" (names are
  -- single-line text).
  attendees      text NOT NULL,
  summary        text NOT NULL,
  recorded_by    text NOT NULL,
  recorded_at    timestamptz NOT NULL
);
CREATE INDEX mediation_sessions_case_idx ON mediation_sessions (case_id, held_at, id);
CREATE TRIGGER mediation_sessions_append_only BEFORE UPDATE OR DELETE ON mediation_sessions
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- 调解协议书. Its terms never change: a change is a void and a new draft.
CREATE TABLE agreements (
  id             uuid PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES cases (id),
  delegation_id  uuid NOT NULL REFERENCES delegations (id),
  number         text NOT NULL UNIQUE,
  terms          text NOT NULL,
  total_fen      bigint NOT NULL CHECK (total_fen >= 0),
  drafted_by     text NOT NULL,
  drafted_at     timestamptz NOT NULL,
  effective_at   timestamptz,
  voided_at      timestamptz,
  void_reason    text NOT NULL DEFAULT '',
  voided_by      text NOT NULL DEFAULT ''
);
CREATE INDEX agreements_case_idx ON agreements (case_id, drafted_at, id);
-- At most one agreement of a case that is not voided.
CREATE UNIQUE INDEX agreements_current_idx ON agreements (case_id) WHERE voided_at IS NULL;

CREATE TABLE agreement_obligations (
  agreement_id      uuid NOT NULL REFERENCES agreements (id),
  position          int NOT NULL CHECK (position >= 0),
  obligor_side      text NOT NULL,
  obligor_position  int NOT NULL,
  obligee_side      text NOT NULL,
  obligee_position  int NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('MONEY', 'ACT')),
  amount_fen        bigint NOT NULL CHECK (amount_fen >= 0),
  description       text NOT NULL,
  due_date          date NOT NULL,
  PRIMARY KEY (agreement_id, position)
);
CREATE TRIGGER agreement_obligations_append_only BEFORE UPDATE OR DELETE ON agreement_obligations
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- The signature checklist (the Law Art. 14): one row per item recorded.
CREATE TABLE agreement_signatures (
  agreement_id  uuid NOT NULL REFERENCES agreements (id),
  item          text NOT NULL,  -- APPLICANT/0, RESPONDENT/0, MEDIATOR, ROOM_SEAL
  form          text NOT NULL,
  signed_at     timestamptz NOT NULL,
  evidence_ref  text NOT NULL,
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (agreement_id, item)
);
CREATE TRIGGER agreement_signatures_append_only BEFORE UPDATE OR DELETE ON agreement_signatures
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- 履行: append-only; partial performance accumulates.
CREATE TABLE performances (
  id             uuid PRIMARY KEY,
  agreement_id   uuid NOT NULL REFERENCES agreements (id),
  obligation     int NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
  act_done       boolean NOT NULL,
  performed_on   date NOT NULL,
  evidence_ref   text NOT NULL,
  recorded_by    text NOT NULL,
  recorded_at    timestamptz NOT NULL,
  FOREIGN KEY (agreement_id, obligation) REFERENCES agreement_obligations (agreement_id, position)
);
CREATE INDEX performances_agreement_idx ON performances (agreement_id, obligation);
CREATE TRIGGER performances_append_only BEFORE UPDATE OR DELETE ON performances
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- Every numbered document with its canonical rendering and SHA-256.
CREATE TABLE documents (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL,
  number      text NOT NULL UNIQUE,
  case_id     uuid NOT NULL REFERENCES cases (id),
  issuer      text NOT NULL,
  issued_by   text NOT NULL,
  issued_at   timestamptz NOT NULL,
  rendering   text NOT NULL,
  sha256      text NOT NULL
);
CREATE INDEX documents_case_idx ON documents (case_id, issued_at, id);
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();

-- A delegation ENDS when mediation is over (success, or failure and return);
-- only PENDING and ACCEPTED ones are open.
ALTER TABLE delegations DROP CONSTRAINT delegations_status_check;
ALTER TABLE delegations ADD CONSTRAINT delegations_status_check
  CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'ENDED'));
DROP INDEX delegations_open_idx;
CREATE UNIQUE INDEX delegations_open_idx ON delegations (case_id) WHERE status IN ('PENDING', 'ACCEPTED');
