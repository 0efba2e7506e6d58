-- A respondent's contest of the labor relationship, once recorded, is
-- cleared only by an assessment that says why and where the evidence is.
ALTER TABLE eligibility_assessments
  ADD COLUMN contest_cleared_reason text NOT NULL DEFAULT '',
  ADD COLUMN contest_cleared_evidence_ref text NOT NULL DEFAULT '';
