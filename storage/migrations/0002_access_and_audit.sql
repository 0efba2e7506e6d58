-- Security baseline: API tokens, client-certificate principals, the audit
-- log, identity numbers encrypted at rest, and the room a case is delegated
-- to (the scope of room staff).

-- API tokens: only a SHA-256 hash of the secret is kept.
CREATE TABLE api_tokens (
  id              uuid PRIMARY KEY,
  label           text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'arbitration_staff', 'room_staff', 'reporting')),
  commission_ids  uuid[] NOT NULL DEFAULT '{}',
  room_id         uuid,
  region_codes    text[] NOT NULL DEFAULT '{}',
  may_unmask      boolean NOT NULL DEFAULT false,
  secret_hash     bytea NOT NULL UNIQUE,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  revoked_by      text NOT NULL DEFAULT '',
  CHECK (NOT (role = 'reporting' AND may_unmask))
);
CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC, id DESC);

-- Client certificate subjects (after mutual TLS) mapped to principals.
CREATE TABLE certificate_principals (
  id              uuid PRIMARY KEY,
  subject         text NOT NULL,
  label           text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'arbitration_staff', 'room_staff', 'reporting')),
  commission_ids  uuid[] NOT NULL DEFAULT '{}',
  room_id         uuid,
  region_codes    text[] NOT NULL DEFAULT '{}',
  may_unmask      boolean NOT NULL DEFAULT false,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  revoked_by      text NOT NULL DEFAULT '',
  CHECK (NOT (role = 'reporting' AND may_unmask))
);
-- One live mapping per subject; revoked ones stay for the record.
CREATE UNIQUE INDEX certificate_principals_subject_live_idx
  ON certificate_principals (subject) WHERE revoked_at IS NULL;
CREATE INDEX certificate_principals_created_idx ON certificate_principals (created_at DESC, id DESC);

-- The audit log: every mutating call and every refused call, and every
-- unmasked read of personal data. Never payloads. Append-only.
CREATE TABLE audit_records (
  sequence         bigserial PRIMARY KEY,
  occurred_at      timestamptz NOT NULL,
  principal        text NOT NULL,
  role             text NOT NULL,
  method           text NOT NULL,
  resource         text NOT NULL DEFAULT '',
  outcome          text NOT NULL,
  reason           text NOT NULL DEFAULT '',
  request_id       text NOT NULL,
  unmasked_fields  text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_records_time_idx ON audit_records (occurred_at DESC, sequence DESC);
CREATE INDEX audit_records_principal_idx ON audit_records (principal, sequence DESC);
CREATE INDEX audit_records_resource_idx ON audit_records (resource, sequence DESC) WHERE resource <> '';

CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_records is append-only';
END $$;
CREATE TRIGGER audit_records_no_update BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();

-- Identity numbers at rest: AES-256-GCM ciphertext (key outside the
-- database) and a keyed hash for exact-match lookup. The plaintext columns of
-- 0001 are emptied by the server on its first start with a key (the key is
-- not available to SQL), then stay empty (see the CHECK in a later step).
ALTER TABLE case_parties
  ADD COLUMN resident_id_number_enc   bytea,
  ADD COLUMN resident_id_number_hash  bytea,
  ADD COLUMN other_id_number_enc      bytea;
CREATE INDEX case_parties_resident_id_hash_idx ON case_parties (resident_id_number_hash)
  WHERE resident_id_number_hash IS NOT NULL;
-- The start-up pass that seals rows left in clear finds them through this
-- (normally empty) index instead of reading every party on every start.
CREATE INDEX case_parties_plaintext_ids_idx ON case_parties (case_id)
  WHERE resident_id_number <> '' OR other_id_number <> '';

-- The mediation room a case is delegated to (the rooms directory and the
-- delegation workflow come with the docking issue); room staff see exactly
-- these cases.
ALTER TABLE cases ADD COLUMN delegated_room_id uuid;
CREATE INDEX cases_room_received_idx ON cases (delegated_room_id, received_at DESC, id DESC)
  WHERE delegated_room_id IS NOT NULL;
