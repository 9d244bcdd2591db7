-- Grain state for Orleans.Persistence.AdoNet.
--
-- A grain is identified by its service, its type name and its key. The provider sends the key split as
-- @GrainIdN0/@GrainIdN1 (the two halves of a Guid key; 0 and the number for an integer key; 0 and 0 for a
-- string key) plus @GrainIdExtensionString (the string key, or the key extension, or NULL), and two 32-bit
-- hashes: of the key (@GrainIdHash) and of the type name (@GrainTypeHash). Lookups go through the hashes and
-- the numeric halves, then compare the full strings, so two grains whose hashes collide stay apart.
--
-- version is the ETag. A write or clear names the version it last saw (@GrainStateVersion, NULL when the
-- grain has never seen a row); when the row holds another version, or a row exists that the grain did not
-- know of, the statement returns no row and the provider raises InconsistentStateException.
-- The version wraps from 2147483647 to 1: only equality matters for an ETag.
--
-- Keys (type name + key string) must stay under about 2 KB: they are part of the unique index.

CREATE TABLE IF NOT EXISTS orleans_grain_state (
  service_id      text        NOT NULL,
  grain_id_hash   integer     NOT NULL,
  grain_type_hash integer     NOT NULL,
  grain_id_n0     bigint      NOT NULL,
  grain_id_n1     bigint      NOT NULL,
  grain_type      text        NOT NULL,
  grain_id_ext    text,
  version         integer     NOT NULL,
  -- NULL after a clear: the row keeps the version so that stale writers still conflict.
  payload         bytea,
  modified_at     timestamptz NOT NULL DEFAULT now()
);

-- NULLS NOT DISTINCT (PostgreSQL 15+): an integer or Guid key without an extension is still one row.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_grain
  ON orleans_grain_state (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext)
  NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- No row: the grain has no state yet. A row with a NULL payload: cleared; its version is the ETag.
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary",
       version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
$sql$),

-- Updates the row at the expected version, or inserts the first row (version 1) when the grain expects none.
-- Returns the new version, or no row on a conflict.
('WriteToStorageKey', $sql$
WITH updated AS (
  UPDATE orleans_grain_state
     SET payload = @PayloadBinary,
         version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
         modified_at = now()
   WHERE @GrainStateVersion::integer IS NOT NULL
     AND service_id = @ServiceId
     AND grain_id_hash = @GrainIdHash
     AND grain_type_hash = @GrainTypeHash
     AND grain_id_n0 = @GrainIdN0
     AND grain_id_n1 = @GrainIdN1
     AND grain_type = @GrainTypeString
     AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
     AND version = @GrainStateVersion::integer
  RETURNING version
), inserted AS (
  INSERT INTO orleans_grain_state
    (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, version, payload)
  SELECT @ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
         @GrainIdExtensionString::text, 1, @PayloadBinary
   WHERE @GrainStateVersion::integer IS NULL
  ON CONFLICT DO NOTHING
  RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),

-- Empties the payload and bumps the version (a grain that expects no row leaves an empty version-1 row).
-- Returns the new version, or no row on a conflict.
('ClearStorageKey', $sql$
WITH cleared AS (
  UPDATE orleans_grain_state
     SET payload = NULL,
         version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END,
         modified_at = now()
   WHERE @GrainStateVersion::integer IS NOT NULL
     AND service_id = @ServiceId
     AND grain_id_hash = @GrainIdHash
     AND grain_type_hash = @GrainTypeHash
     AND grain_id_n0 = @GrainIdN0
     AND grain_id_n1 = @GrainIdN1
     AND grain_type = @GrainTypeString
     AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
     AND version = @GrainStateVersion::integer
  RETURNING version
), inserted AS (
  INSERT INTO orleans_grain_state
    (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, version, payload)
  SELECT @ServiceId, @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
         @GrainIdExtensionString::text, 1, NULL
   WHERE @GrainStateVersion::integer IS NULL
  ON CONFLICT DO NOTHING
  RETURNING version
)
SELECT version AS "Version" FROM cleared
UNION ALL
SELECT version FROM inserted
$sql$),

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear is set: removes the row.
-- Returns a value that differs from the expected version (the provider's success test), or no row on a
-- conflict. A grain that expects no row succeeds only if there is none.
('DeleteStorageKey', $sql$
WITH deleted AS (
  DELETE FROM orleans_grain_state
   WHERE @GrainStateVersion::integer IS NOT NULL
     AND service_id = @ServiceId
     AND grain_id_hash = @GrainIdHash
     AND grain_type_hash = @GrainTypeHash
     AND grain_id_n0 = @GrainIdN0
     AND grain_id_n1 = @GrainIdN1
     AND grain_type = @GrainTypeString
     AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
     AND version = @GrainStateVersion::integer
  RETURNING version
)
SELECT CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END AS "Version" FROM deleted
UNION ALL
SELECT 1
 WHERE @GrainStateVersion::integer IS NULL
   AND NOT EXISTS (
     SELECT 1 FROM orleans_grain_state
      WHERE service_id = @ServiceId
        AND grain_id_hash = @GrainIdHash
        AND grain_type_hash = @GrainTypeHash
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_type = @GrainTypeString
        AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text)
$sql$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
