-- Proves at start-up that the server holds the key the stored personal data
-- was sealed with: a keyed hash of a fixed text, written on the first start.
-- A server given another key refuses to start instead of failing on every
-- read of an identity number.
CREATE TABLE data_key_check (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  key_check   bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
