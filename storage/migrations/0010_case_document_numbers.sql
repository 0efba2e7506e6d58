-- The case carries the numbers of its current agreement and of its arbitral
-- mediation document, for lists and exports without a join.
ALTER TABLE cases
  ADD COLUMN agreement_number text NOT NULL DEFAULT '',
  ADD COLUMN arbitral_document_number text NOT NULL DEFAULT '';
