-- The query catalogue of Orleans' ADO.NET providers.
--
-- Each provider runs `SELECT QueryKey, QueryText FROM OrleansQuery` at start-up and then executes the stored
-- texts with named parameters (@ServiceId, @GrainId, ...). The identifiers in that statement are unquoted,
-- so PostgreSQL folds them to lower case: the table and its columns must be named in lower case here.
-- The later files fill this table with INSERT ... ON CONFLICT DO UPDATE, so re-running them upgrades the
-- query texts in place.

CREATE TABLE IF NOT EXISTS orleansquery (
  querykey  varchar(64) PRIMARY KEY,
  querytext text        NOT NULL
);
