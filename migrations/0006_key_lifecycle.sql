-- The key lifecycle (RotateApiKey, DisableApiKey/EnableApiKey,
-- GetApiKeyUsage).

-- A key is disabled while disable_time is set; disabled_by is who disabled
-- it (the policy lets an owner enable only a key they disabled themselves).
-- Like created_by it is no foreign key: the account that disabled a key may
-- be deleted before the key is enabled. rotated_from names the key it
-- replaced; deliberately not a foreign key either, so the successor keeps
-- its history after the old key is deleted.
ALTER TABLE api_keys
  ADD COLUMN disable_time timestamptz,
  ADD COLUMN disabled_by text,
  ADD COLUMN rotated_from text CHECK (rotated_from ~ '^[A-Z0-9]{16}$'),
  ADD CONSTRAINT api_keys_disabled_by_iff_disabled
    CHECK ((disable_time IS NULL) = (disabled_by IS NULL));

-- Verifications per key and UTC day, by outcome, written in the batches
-- that also write last_used_time.
CREATE TABLE api_key_usage (
  api_key_id          text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  day                 date NOT NULL,
  valid               bigint NOT NULL DEFAULT 0 CHECK (valid >= 0),
  invalid_credentials bigint NOT NULL DEFAULT 0 CHECK (invalid_credentials >= 0),
  expired             bigint NOT NULL DEFAULT 0 CHECK (expired >= 0),
  wrong_resource      bigint NOT NULL DEFAULT 0 CHECK (wrong_resource >= 0),
  disabled            bigint NOT NULL DEFAULT 0 CHECK (disabled >= 0),
  PRIMARY KEY (api_key_id, day)
);

-- A rotation looks for the successor a key already has, and its quota count
-- for the keys that have one.
CREATE INDEX api_keys_by_rotated_from ON api_keys (rotated_from)
  WHERE rotated_from IS NOT NULL;
