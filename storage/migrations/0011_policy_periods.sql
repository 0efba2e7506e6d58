-- The further periods of the docking as policy per region: the commission's
-- acceptance decision after a failed pre-filing mediation, the window for a
-- joint application for arbitral review, the review and its extension, and
-- how many agreed extensions a mediation period may have. Existing versions
-- get the built-in defaults.
ALTER TABLE deadline_policies
  ADD COLUMN acceptance_decision_working_days int NOT NULL DEFAULT 5
    CHECK (acceptance_decision_working_days BETWEEN 1 AND 30),
  ADD COLUMN review_application_days int NOT NULL DEFAULT 15 CHECK (review_application_days BETWEEN 1 AND 365),
  ADD COLUMN review_working_days int NOT NULL DEFAULT 5 CHECK (review_working_days BETWEEN 1 AND 30),
  ADD COLUMN review_extension_working_days int NOT NULL DEFAULT 5
    CHECK (review_extension_working_days BETWEEN 0 AND 30),
  ADD COLUMN max_mediation_extensions int NOT NULL DEFAULT 1 CHECK (max_mediation_extensions BETWEEN 0 AND 10);
