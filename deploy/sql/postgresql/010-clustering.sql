-- Cluster membership for Orleans.Clustering.AdoNet (silos and clients).
--
-- One version row per cluster: every membership change (a silo joining, changing status, suspecting
-- another) must bump it, and a change made against a stale version must fail. That is how Orleans'
-- membership protocol serialises concurrent writers. The provider calls the cluster id "DeploymentId".
-- Liveness heartbeats (UpdateIAmAlivetimeKey) do not bump the version.
--
-- Silo status codes (Orleans.Runtime.SiloStatus): 1 Created, 2 Joining, 3 Active, 4 ShuttingDown,
-- 5 Stopping, 6 Dead.

CREATE TABLE IF NOT EXISTS orleans_cluster_version (
  cluster_id text        PRIMARY KEY,
  version    integer     NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_silo (
  cluster_id      text        NOT NULL REFERENCES orleans_cluster_version (cluster_id) ON DELETE CASCADE,
  address         varchar(45) NOT NULL,
  port            integer     NOT NULL,
  generation      integer     NOT NULL,
  silo_name       text        NOT NULL,
  host_name       text        NOT NULL,
  status          integer     NOT NULL,
  proxy_port      integer     NOT NULL,
  -- "silo,time|silo,time": who suspects this silo and since when, as the provider formats it.
  suspect_times   text,
  start_time      timestamptz NOT NULL,
  i_am_alive_time timestamptz NOT NULL,
  PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row once; one boolean: whether this call created it.
('InsertMembershipVersionKey', $sql$
WITH created AS (
  INSERT INTO orleans_cluster_version (cluster_id)
  VALUES (@DeploymentId)
  ON CONFLICT (cluster_id) DO NOTHING
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$sql$),

-- The whole table: always the version row, joined to every silo row (none: one row of NULLs).
('MembershipReadAllKey', $sql$
SELECT v.version         AS "Version",
       s.address         AS "Address",
       s.port            AS "Port",
       s.generation      AS "Generation",
       s.silo_name       AS "SiloName",
       s.host_name       AS "HostName",
       s.status          AS "Status",
       s.proxy_port      AS "ProxyPort",
       s.suspect_times   AS "SuspectTimes",
       s.start_time      AS "StartTime",
       s.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s ON s.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$sql$),

-- The version row and one silo's row, in the same shape as MembershipReadAllKey.
('MembershipReadRowKey', $sql$
SELECT v.version         AS "Version",
       s.address         AS "Address",
       s.port            AS "Port",
       s.generation      AS "Generation",
       s.silo_name       AS "SiloName",
       s.host_name       AS "HostName",
       s.status          AS "Status",
       s.proxy_port      AS "ProxyPort",
       s.suspect_times   AS "SuspectTimes",
       s.start_time      AS "StartTime",
       s.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s
  ON s.cluster_id = v.cluster_id
 AND s.address = @Address
 AND s.port = @Port
 AND s.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- Adds a silo if the table is still at @Version and the silo is new; one boolean: whether it did.
-- The version row's lock makes concurrent writers with the same @Version fail after the first.
('InsertMembershipKey', $sql$
WITH bumped AS (
  UPDATE orleans_cluster_version
     SET version = version + 1, changed_at = now()
   WHERE cluster_id = @DeploymentId
     AND version = @Version
     AND NOT EXISTS (
       SELECT 1 FROM orleans_silo
        WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
  RETURNING cluster_id
), inserted AS (
  INSERT INTO orleans_silo
    (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
  SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$sql$),

-- Changes a silo's status and suspicions if the table is still at @Version; one boolean: whether it did.
('UpdateMembershipKey', $sql$
WITH bumped AS (
  UPDATE orleans_cluster_version
     SET version = version + 1, changed_at = now()
   WHERE cluster_id = @DeploymentId
     AND version = @Version
     AND EXISTS (
       SELECT 1 FROM orleans_silo
        WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
  RETURNING cluster_id
), updated AS (
  UPDATE orleans_silo s
     SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
   WHERE s.cluster_id = b.cluster_id AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated)
$sql$),

-- Heartbeat: no version bump, so it never conflicts with membership changes.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_silo
   SET i_am_alive_time = @IAmAliveTime
 WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- Forgets a whole cluster; its silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_cluster_version WHERE cluster_id = @DeploymentId
$sql$),

-- Removes Dead silos (status 6) whose last heartbeat is older than @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_silo
 WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$sql$),

-- Gateways for clients: silos with status @Status (Active) that listen for clients.
('GatewaysQueryKey', $sql$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM orleans_silo
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
