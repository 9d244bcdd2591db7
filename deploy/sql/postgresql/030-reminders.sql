-- Reminders for Orleans.Reminders.AdoNet.
--
-- One row per (service, grain, reminder name). grain_hash is the grain's uniform hash as a signed 32-bit
-- number: each silo reads the reminders of its slice of the hash ring, and the provider sends the slice's
-- bounds as signed numbers too (ReadRangeRows1Key for a slice that does not wrap, ReadRangeRows2Key for one
-- that does). version is the ETag that a delete must match; it wraps from 2147483647 to 1.

CREATE TABLE IF NOT EXISTS orleans_reminder (
  service_id    text        NOT NULL,
  grain_id      text        NOT NULL,
  reminder_name text        NOT NULL,
  grain_hash    integer     NOT NULL,
  start_time    timestamptz NOT NULL,
  period_ms     bigint      NOT NULL,
  version       integer     NOT NULL,
  PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$sql$),

-- A slice that does not wrap: (begin, end].
('ReadRangeRows1Key', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$sql$),

-- A slice that wraps past the top of the ring (or the whole ring when begin = end).
('ReadRangeRows2Key', $sql$
SELECT grain_id      AS "GrainId",
       reminder_name AS "ReminderName",
       start_time    AS "StartTime",
       period_ms     AS "Period",
       version       AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Registers or re-registers a reminder; returns the row's new version.
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET grain_hash = EXCLUDED.grain_hash,
       start_time = EXCLUDED.start_time,
       period_ms = EXCLUDED.period_ms,
       version = CASE WHEN orleans_reminder.version = 2147483647 THEN 1 ELSE orleans_reminder.version + 1 END
RETURNING version AS "Version"
$sql$),

-- Removes a reminder at the expected version; one boolean: whether it did.
('DeleteReminderRowKey', $sql$
WITH deleted AS (
  DELETE FROM orleans_reminder
   WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted)
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId
$sql$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
