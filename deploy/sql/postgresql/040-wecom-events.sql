-- The WeCom event journal: every change callback the receiver accepted, written before it answers 200.
--
-- Grid's own table (not an Orleans provider's). One row per event; (service, tenant, connector, dedupe_key) is
-- unique, so a retry of an event WeCom already delivered finds its row and stores nothing. dedupe_key is the event's
-- CreateTime plus a hash over all its elements (see ContactEventFingerprint), so distinct events of one second are
-- kept apart. The row keeps only what applying needs: the kind and the ids, no other member fields.
--
-- status: 1 durable, 2 applied, 3 ignored, 4 held, 5 failed (retried at next_attempt_at), 6 parked, 7 approved (a held
-- delete an administrator approved; decided_by, at finished_at), 8 discarded (likewise, nothing deleted).
-- Applied, ignored, held, approved and discarded rows are purged once finished longer ago than Grid:Events:Retention
-- (default 7 days).

CREATE TABLE IF NOT EXISTS grid_wecom_event (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_id      text        NOT NULL,
  tenant_id       text        NOT NULL,
  connector_id    text        NOT NULL,
  dedupe_key      text        NOT NULL,
  change_type     text        NOT NULL,
  user_id         text,
  new_user_id     text,
  department_id   bigint,
  parent_id       bigint,
  corp_id         text        NOT NULL,
  create_time     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  status          smallint    NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  error           text,
  finished_at     timestamptz,
  decided_by      text,
  UNIQUE (service_id, tenant_id, connector_id, dedupe_key)
);

-- A journal made before approved and discarded existed.
ALTER TABLE grid_wecom_event ADD COLUMN IF NOT EXISTS decided_by text;

-- Listings per connector (newest first, optionally by status) and the inbox's scan for unfinished events.
CREATE INDEX IF NOT EXISTS grid_wecom_event_connector ON grid_wecom_event (service_id, tenant_id, connector_id, id);
CREATE INDEX IF NOT EXISTS grid_wecom_event_unfinished ON grid_wecom_event (service_id, tenant_id, connector_id, id)
  WHERE status IN (1, 5);
-- The held events a decision on a held delete finds.
CREATE INDEX IF NOT EXISTS grid_wecom_event_held ON grid_wecom_event (service_id, tenant_id, connector_id)
  WHERE status = 4;
-- The retention purge (grid_wecom_event_finished was its index before approved and discarded existed).
DROP INDEX IF EXISTS grid_wecom_event_finished;
CREATE INDEX IF NOT EXISTS grid_wecom_event_done ON grid_wecom_event (service_id, finished_at)
  WHERE status IN (2, 3, 4, 7, 8);
