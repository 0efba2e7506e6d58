-- 0015: pilot coverage (裁调对接试点覆盖). When each room was (de)activated,
-- so that "active on a day" can be answered for past days; the docking
-- pilots per city and county, as dated entries; and the coverage targets per
-- province (policy), as versions with their milestones.

-- Every change of mediation_rooms.active, on the day (China time) it happened.
-- Written by the trigger below, so no code path can forget it.
CREATE TABLE room_activity_changes (
  seq         bigserial PRIMARY KEY,
  room_id     uuid NOT NULL REFERENCES mediation_rooms (id),
  changed_on  date NOT NULL,
  active      boolean NOT NULL
);
CREATE INDEX room_activity_changes_room_idx ON room_activity_changes (room_id, seq);

CREATE FUNCTION record_room_activity_change() RETURNS trigger AS $$
BEGIN
  INSERT INTO room_activity_changes (room_id, changed_on, active)
  VALUES (NEW.id, (NEW.updated_at AT TIME ZONE 'Asia/Shanghai')::date, NEW.active);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER mediation_rooms_activity_changes
  AFTER UPDATE OF active ON mediation_rooms
  FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION record_room_activity_change();

-- Rooms already inactive: deactivated on the day of their last change.
INSERT INTO room_activity_changes (room_id, changed_on, active)
SELECT id, (updated_at AT TIME ZONE 'Asia/Shanghai')::date, false FROM mediation_rooms WHERE NOT active;

-- 试点: from effective_from on, the region is (pilot) or is no longer (NOT
-- pilot) a docking pilot. Setting the same region and day again replaces the
-- entry.
CREATE TABLE coverage_pilots (
  region_code     char(6) NOT NULL REFERENCES regions (code),
  effective_from  date NOT NULL,
  pilot           boolean NOT NULL,
  note            text NOT NULL,
  set_by          text NOT NULL,
  set_at          timestamptz NOT NULL,
  PRIMARY KEY (region_code, effective_from)
);

-- A province's coverage target, in force from effective_from until its next
-- version; setting the same province and day again replaces it.
CREATE TABLE coverage_targets (
  province_code   char(6) NOT NULL REFERENCES regions (code),
  effective_from  date NOT NULL,
  pilot_start     date NOT NULL,
  note            text NOT NULL,
  set_by          text NOT NULL,
  set_at          timestamptz NOT NULL,
  PRIMARY KEY (province_code, effective_from)
);

CREATE TABLE coverage_target_milestones (
  province_code   char(6) NOT NULL,
  effective_from  date NOT NULL,
  after_months    int NOT NULL CHECK (after_months BETWEEN 1 AND 240),
  min_covered     int NOT NULL CHECK (min_covered >= 0),
  all_regions     boolean NOT NULL,
  PRIMARY KEY (province_code, effective_from, after_months),
  FOREIGN KEY (province_code, effective_from) REFERENCES coverage_targets (province_code, effective_from)
    ON DELETE CASCADE,
  CHECK (all_regions = (min_covered = 0))
);
