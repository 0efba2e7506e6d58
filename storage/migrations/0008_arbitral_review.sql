-- Path B: the parties' joint application for arbitral review of an
-- effective agreement, the commission's decision, and service of the
-- arbitral mediation document (仲裁调解书) on each party.
CREATE TABLE arbitral_reviews (
  id                  uuid PRIMARY KEY,
  case_id             uuid NOT NULL REFERENCES cases (id),
  agreement_id        uuid NOT NULL REFERENCES agreements (id),
  applied_at          timestamptz NOT NULL,
  applied_by          text NOT NULL,
  evidence_ref        text NOT NULL,
  review_start        date NOT NULL,
  review_due          date NOT NULL,
  review_length       int NOT NULL,
  review_kind         text NOT NULL,
  review_calendars    text NOT NULL,
  review_provisional  boolean NOT NULL,
  review_policy       text NOT NULL,
  extended_start      date,
  extended_due        date,
  extended_length     int,
  extended_calendars  text,
  extended_provisional boolean,
  extension_reason    text NOT NULL DEFAULT '',
  decided_at          timestamptz,
  document_made       boolean NOT NULL DEFAULT false,
  refusal             text NOT NULL DEFAULT '',
  refusal_note        text NOT NULL DEFAULT '',
  document_number     text NOT NULL DEFAULT ''
);
-- One review of an agreement.
CREATE UNIQUE INDEX arbitral_reviews_agreement_idx ON arbitral_reviews (agreement_id);
CREATE INDEX arbitral_reviews_case_idx ON arbitral_reviews (case_id, applied_at DESC);

-- 签收 or 拒绝签收, one row per party; append-only.
CREATE TABLE service_receipts (
  review_id     uuid NOT NULL REFERENCES arbitral_reviews (id),
  item          text NOT NULL,
  refused       boolean NOT NULL,
  received_at   timestamptz NOT NULL,
  evidence_ref  text NOT NULL,
  recorded_by   text NOT NULL,
  PRIMARY KEY (review_id, item)
);
CREATE TRIGGER service_receipts_append_only BEFORE UPDATE OR DELETE ON service_receipts
  FOR EACH ROW EXECUTE FUNCTION mediation_append_only();
