-- 0006: the deadline policy as versioned values per region, and China's
-- public-holiday calendars (with make-up working days, 调休) as data per year.

-- One version of a region's period lengths, in force from effective_from
-- until the region's next version. A region without a version in force
-- inherits its city's, then its province's, then the built-in defaults
-- (services/domain/deadline_policy.h). A version already in force is never
-- changed (deadlines computed under it must stay explainable); one not yet in
-- force may be replaced by setting the same day again.
CREATE TABLE deadline_policies (
  region_code                 char(6) NOT NULL REFERENCES regions (code),
  effective_from              date NOT NULL,
  pre_filing_mediation_days   int NOT NULL CHECK (pre_filing_mediation_days BETWEEN 1 AND 365),
  post_filing_mediation_days  int NOT NULL CHECK (post_filing_mediation_days BETWEEN 1 AND 365),
  acceptance_working_days     int NOT NULL CHECK (acceptance_working_days BETWEEN 1 AND 30),
  max_extension_days          int NOT NULL CHECK (max_extension_days BETWEEN 0 AND 365),
  created_by                  text NOT NULL,
  created_at                  timestamptz NOT NULL,
  PRIMARY KEY (region_code, effective_from)
);

-- One year's calendar in the text format of services/domain/holiday_calendar.h
-- (deploy/calendars/CN-<year>.txt), kept verbatim and parsed when read;
-- version is the State Council notice's number, copied from the text.
CREATE TABLE holiday_calendars (
  year           int PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
  version        text NOT NULL,
  calendar_text  text NOT NULL,
  loaded_by      text NOT NULL,
  loaded_at      timestamptz NOT NULL
);
