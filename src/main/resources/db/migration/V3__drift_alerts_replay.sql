-- Schema drift, failure alerts and quarantine replay. Idempotent like every migration here.

-- What Zoho's field metadata listed for each module. The first check of a module records its fields as
-- they are (the baseline); a field that appears later is drift: its values go to custom_fields.
CREATE TABLE IF NOT EXISTS sync.zoho_fields (
    module        text        NOT NULL,
    field         text        NOT NULL,
    data_type     text        NOT NULL,
    drift         boolean     NOT NULL,          -- appeared after the baseline
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    run_id        uuid,                          -- the run that first saw it
    PRIMARY KEY (module, field)
);

-- One row per field that appeared in Zoho after crm-mirror started mirroring the module.
CREATE OR REPLACE VIEW sync.schema_drift AS
SELECT module, field, data_type, first_seen_at, last_seen_at, run_id
  FROM sync.zoho_fields
 WHERE drift;

ALTER TABLE sync.watermarks ADD COLUMN IF NOT EXISTS fields_checked_at timestamptz;

-- 'sync' for the scheduled and one-shot runs, 'replay' for re-processing the quarantine.
ALTER TABLE sync.runs ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'sync';

-- An open incident per module: alerted once when consecutive failures reach the threshold,
-- closed with a "recovered" message when a run ends ok.
CREATE TABLE IF NOT EXISTS sync.alerts (
    module      text PRIMARY KEY,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    failures    integer     NOT NULL,
    last_error  text,
    run_ids     uuid[]      NOT NULL,
    notified_at timestamptz                     -- null until the webhook accepted the alert
);

-- False when the raw JSON had to be altered to be stored (NUL characters, broken surrogates): replaying it
-- would write altered data, so such a record waits for a fixed version from Zoho instead.
ALTER TABLE sync.quarantine ADD COLUMN IF NOT EXISTS replayable boolean NOT NULL DEFAULT true;
