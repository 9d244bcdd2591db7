-- Grain state for Grid's own storage (src/Grid.Host/Storage/PostgresGrainStorage.cs), written with Npgsql.
--
-- A row is one grain's state under one state name: keyed by the service id, the state name and the full grain id
-- ("type/key", e.g. "account/t1/a7"), so two grain classes with the same key and state name keep separate rows.
-- version is the ETag: a write or clear names the version it last saw (none when the grain has seen no row) and
-- changes the row only at that version; a clear keeps the row with a NULL payload and a new version, so stale writers
-- still conflict. The version wraps from 2147483647 to 1: only equality matters for an ETag. The storage reads and
-- writes many grains per statement (unnest arrays), so there are no stored statements here.
--
-- State name plus grain id must stay under about 2 KB: they are part of the primary key.

CREATE TABLE IF NOT EXISTS grid_grain_state (
  service_id  text        NOT NULL,
  state_name  text        NOT NULL,
  grain_id    text        NOT NULL,
  version     integer     NOT NULL,
  payload     bytea,
  modified_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, state_name, grain_id)
);

-- Migration from orleans_grain_state, the table of Orleans' ADO.NET provider that Grid used before. Its rows hold the
-- state name and the key but not the grain type: every Grid grain class has its own state names and a string key, so
-- the type follows from the state name (the list below: the Grid grains that existed then; a new grain has no old
-- rows). Rows already in grid_grain_state win (ON CONFLICT DO NOTHING), so loading the file again changes nothing.
-- The old table is dropped once every row is in the new table; a row that cannot be mapped keeps it, with a warning.
DO $migrate$
DECLARE
  left_behind bigint;
BEGIN
  IF to_regclass('orleans_grain_state') IS NULL THEN
    RETURN;
  END IF;

  CREATE TEMPORARY TABLE grid_grain_type_of_state (state_name text PRIMARY KEY, grain_type text NOT NULL) ON COMMIT DROP;
  INSERT INTO grid_grain_type_of_state VALUES
    ('account', 'account'),
    ('account-sessions', 'accountsessions'),
    ('audit-log', 'auditlog'),
    ('audit-log-segment', 'auditlogsegment'),
    ('change-feed', 'changefeed'),
    ('change-feed-segment', 'changefeedsegment'),
    ('held-changes', 'heldchanges'),
    ('oidc-application', 'oidcapplication'),
    ('oidc-application-catalog', 'oidcapplicationcatalog'),
    ('oidc-consent', 'oidcconsent'),
    ('oidc-grant', 'oidcgrant'),
    ('organization', 'organization'),
    ('password-sign-in', 'passwordsignin'),
    ('personal-email', 'personalemail'),
    ('roster', 'rosterpartition'),
    ('service-client', 'serviceclient'),
    ('session', 'session'),
    ('session-revocations', 'sessionrevocation'),
    ('signing-keys', 'signingkey'),
    ('sms-code', 'smscode'),
    ('sms-quota', 'smsquota'),
    ('sync-chunk', 'syncrunchunk'),
    ('sync-coordinator', 'synccoordinator'),
    ('sync-roster', 'syncroster'),
    ('tenant', 'tenant'),
    ('trusted-ip', 'trustedipindex'),
    ('unique-index', 'uniqueindex'),
    ('wecom-connector', 'wecomconnector'),
    ('wecom-department', 'wecomdepartment'),
    ('wecom-member', 'wecommember');

  INSERT INTO grid_grain_state (service_id, state_name, grain_id, version, payload, modified_at)
  SELECT o.service_id, o.grain_type, t.grain_type || '/' || o.grain_id_ext, o.version, o.payload, o.modified_at
    FROM orleans_grain_state o
    JOIN grid_grain_type_of_state t ON t.state_name = o.grain_type
   WHERE o.grain_id_n0 = 0 AND o.grain_id_n1 = 0 AND o.grain_id_ext IS NOT NULL
  ON CONFLICT DO NOTHING;

  SELECT count(*) INTO left_behind
    FROM orleans_grain_state o
   WHERE NOT EXISTS (
     SELECT 1
       FROM grid_grain_type_of_state t
       JOIN grid_grain_state g ON g.grain_id = t.grain_type || '/' || o.grain_id_ext
      WHERE t.state_name = o.grain_type AND g.service_id = o.service_id AND g.state_name = o.grain_type
        AND o.grain_id_n0 = 0 AND o.grain_id_n1 = 0);

  IF left_behind = 0 THEN
    DROP TABLE orleans_grain_state;
  ELSE
    RAISE WARNING 'orleans_grain_state kept: % row(s) name a state that is not a Grid grain''s; migrate or delete them, then load this file again', left_behind;
  END IF;
END
$migrate$;

-- The statements of the ADO.NET provider, which Grid no longer uses.
DELETE FROM orleansquery WHERE querykey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey', 'DeleteStorageKey');
