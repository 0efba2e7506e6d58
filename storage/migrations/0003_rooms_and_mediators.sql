-- 0003: mediation rooms (裁调对接工作室) with the commissions they serve, and
-- mediators (调解员) with their room membership. A case's delegated room now
-- must be a real room.

-- 裁调对接工作室 and its two variants (工会法律服务工作站 in an arbitration
-- court, 劳动争议仲裁驻庭 in a union worker-service centre).
CREATE TABLE mediation_rooms (
  id                 uuid PRIMARY KEY,
  name               text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('JOINT_DOCKING_ROOM', 'UNION_LEGAL_SERVICE_STATION',
                                                   'RESIDENT_ARBITRATION_TRIBUNAL')),
  region_code        char(6) NOT NULL REFERENCES regions (code),
  host_organization  text NOT NULL,
  capacity           int NOT NULL CHECK (capacity > 0),
  min_mediators      int NOT NULL CHECK (min_mediators >= 0),
  opened_on          date NOT NULL,
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  version            bigint NOT NULL DEFAULT 1,
  UNIQUE (region_code, name)
);

-- The commissions a room serves (takes delegated cases from).
CREATE TABLE room_commissions (
  room_id        uuid NOT NULL REFERENCES mediation_rooms (id),
  commission_id  uuid NOT NULL REFERENCES commissions (id),
  PRIMARY KEY (room_id, commission_id)
);
CREATE INDEX room_commissions_commission_idx ON room_commissions (commission_id, room_id);

-- 调解员. The identity number is stored only sealed (AES-256-GCM, key outside
-- the database) with a keyed hash for exact lookup; one mediator per person.
CREATE TABLE mediators (
  id                         uuid PRIMARY KEY,
  name                       text NOT NULL,
  resident_id_number_enc     bytea NOT NULL,
  resident_id_number_hash    bytea NOT NULL,
  source                     text NOT NULL,
  certificate_number         text NOT NULL,
  certificate_expires_on     date NOT NULL,
  term_start                 date NOT NULL,
  term_end                   date NOT NULL,
  training_hours             int NOT NULL CHECK (training_hours >= 0),
  established_civil_servant  boolean NOT NULL,
  status                     text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
  created_at                 timestamptz NOT NULL,
  updated_at                 timestamptz NOT NULL,
  version                    bigint NOT NULL DEFAULT 1,
  CHECK (term_end > term_start)
);
CREATE UNIQUE INDEX mediators_resident_id_hash_idx ON mediators (resident_id_number_hash);
CREATE INDEX mediators_created_idx ON mediators (created_at, id);

-- Which rooms a mediator works for.
CREATE TABLE room_mediators (
  room_id      uuid NOT NULL REFERENCES mediation_rooms (id),
  mediator_id  uuid NOT NULL REFERENCES mediators (id),
  PRIMARY KEY (room_id, mediator_id)
);
CREATE INDEX room_mediators_mediator_idx ON room_mediators (mediator_id, room_id);

ALTER TABLE cases ADD CONSTRAINT cases_delegated_room_fk FOREIGN KEY (delegated_room_id)
  REFERENCES mediation_rooms (id);
