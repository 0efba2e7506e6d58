-- The docking (裁调对接): consent, eligibility assessments, delegations to
-- mediation rooms, mediators' declared conflicts, document numbers, and the
-- room a case event belongs to (the room queue's watch stream).

-- 当事人同意调解: one row per consent; a withdrawal is recorded on it.
CREATE TABLE case_consents (
  id                 uuid PRIMARY KEY,
  case_id            uuid NOT NULL REFERENCES cases (id),
  side               text NOT NULL CHECK (side IN ('APPLICANT', 'RESPONDENT')),
  party_position     int NOT NULL CHECK (party_position >= 0),
  form               text NOT NULL,
  given_at           timestamptz NOT NULL,
  evidence_ref       text NOT NULL,
  recorded_by        text NOT NULL,
  recorded_at        timestamptz NOT NULL,
  withdrawn_at       timestamptz,
  withdrawal_reason  text NOT NULL DEFAULT '',
  withdrawn_by       text NOT NULL DEFAULT ''
);
CREATE INDEX case_consents_case_idx ON case_consents (case_id, given_at, id);
-- At most one current (not withdrawn) consent per party.
CREATE UNIQUE INDEX case_consents_current_idx ON case_consents (case_id, side, party_position)
  WHERE withdrawn_at IS NULL;

-- What eligibility depends on changes only with the case's content and its
-- consents, not with its state: this counter moves with those alone, so a
-- case declined by one room can go to another on the same assessment.
ALTER TABLE cases ADD COLUMN substance_version bigint NOT NULL DEFAULT 1;

-- Eligibility assessments, each with its criteria and warnings, made on one
-- version of the case.
CREATE TABLE eligibility_assessments (
  id                        uuid PRIMARY KEY,
  case_id                   uuid NOT NULL REFERENCES cases (id),
  case_version              bigint NOT NULL,
  substance_version         bigint NOT NULL,
  eligible                  boolean NOT NULL,
  respondent_contests_labor_relationship boolean NOT NULL,
  infringement_date         date,
  assessed_by               text NOT NULL,
  assessed_at               timestamptz NOT NULL
);
CREATE INDEX eligibility_assessments_case_idx ON eligibility_assessments (case_id, assessed_at DESC, id DESC);

CREATE TABLE eligibility_criteria (
  assessment_id  uuid NOT NULL REFERENCES eligibility_assessments (id),
  position       int NOT NULL,
  code           text NOT NULL,
  passed         boolean NOT NULL,
  explanation    text NOT NULL,
  PRIMARY KEY (assessment_id, position)
);

CREATE TABLE eligibility_warnings (
  assessment_id  uuid NOT NULL REFERENCES eligibility_assessments (id),
  position       int NOT NULL,
  code           text NOT NULL,
  text           text NOT NULL,
  PRIMARY KEY (assessment_id, position)
);

-- 委托调解: every delegation of a case to a room, with the deadlines and the
-- inputs they were computed from.
CREATE TABLE delegations (
  id                    uuid PRIMARY KEY,
  case_id               uuid NOT NULL REFERENCES cases (id),
  room_id               uuid NOT NULL REFERENCES mediation_rooms (id),
  route                 text NOT NULL CHECK (route IN ('BEFORE_FILING', 'AFTER_FILING')),
  status                text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
  letter_number         text NOT NULL UNIQUE,
  reason                text NOT NULL DEFAULT '',
  delegated_by          text NOT NULL,
  delegated_at          timestamptz NOT NULL,
  acceptance_start      date NOT NULL,
  acceptance_due        date NOT NULL,
  acceptance_length     int NOT NULL,
  acceptance_kind       text NOT NULL,
  acceptance_calendars  text NOT NULL,
  acceptance_provisional boolean NOT NULL,
  acceptance_policy     text NOT NULL,
  mediator_id           uuid REFERENCES mediators (id),
  accepted_by           text NOT NULL DEFAULT '',
  accepted_at           timestamptz,
  mediation_start       date,
  mediation_due         date,
  mediation_length      int,
  mediation_kind        text,
  mediation_calendars   text,
  mediation_provisional boolean,
  mediation_policy      text,
  declined_by           text NOT NULL DEFAULT '',
  declined_at           timestamptz,
  decline_reason        text NOT NULL DEFAULT ''
);
CREATE INDEX delegations_case_idx ON delegations (case_id, delegated_at DESC, id DESC);
CREATE INDEX delegations_room_idx ON delegations (room_id, status, delegated_at, id);
-- A case has at most one delegation that is not declined (pending or accepted).
CREATE UNIQUE INDEX delegations_open_idx ON delegations (case_id) WHERE status <> 'DECLINED';

-- 回避: a mediator's declared conflict of interest with a case.
CREATE TABLE mediator_conflicts (
  mediator_id  uuid NOT NULL REFERENCES mediators (id),
  case_id      uuid NOT NULL REFERENCES cases (id),
  reason       text NOT NULL,
  declared_by  text NOT NULL,
  declared_at  timestamptz NOT NULL,
  PRIMARY KEY (mediator_id, case_id)
);

-- Yearly sequences of document numbers per commission and kind (the
-- delegation letter now; agreements and reply letters later).
CREATE TABLE document_number_sequences (
  commission_id  uuid NOT NULL REFERENCES commissions (id),
  kind           text NOT NULL,
  year           int NOT NULL,
  last_seq       bigint NOT NULL,
  PRIMARY KEY (commission_id, kind, year)
);

-- The deadline that matters now for a case (acceptance while DELEGATED,
-- mediation while IN_MEDIATION), for the overdue and due-before filters.
ALTER TABLE cases ADD COLUMN current_due date;
CREATE INDEX cases_current_due_idx ON cases (current_due) WHERE current_due IS NOT NULL;

-- Events of a room's queue carry the room: WatchRoomQueue reads them by
-- (room_id, sequence). They are written while the room row is locked, so
-- within one room sequence order is commit order.
ALTER TABLE case_events ADD COLUMN room_id uuid;
CREATE INDEX case_events_room_idx ON case_events (room_id, sequence) WHERE room_id IS NOT NULL;
