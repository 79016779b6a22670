-- crm-mirror's bookkeeping, in schema sync (Flyway creates it: spring.flyway.schemas). The mirror tables
-- themselves (schema zoho) are derived from the mapping files at start-up; only these fixed tables are
-- migrations. Every statement is idempotent.

-- One row per run of one module.
CREATE TABLE IF NOT EXISTS sync.runs (
    id                  uuid PRIMARY KEY,
    module              text        NOT NULL,
    started_at          timestamptz NOT NULL DEFAULT now(),
    ended_at            timestamptz,
    status              text        NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
    records_read        bigint      NOT NULL DEFAULT 0,
    records_written     bigint      NOT NULL DEFAULT 0,
    records_quarantined bigint      NOT NULL DEFAULT 0,
    records_deleted     bigint      NOT NULL DEFAULT 0,
    api_calls           integer     NOT NULL DEFAULT 0,
    api_credits         integer     NOT NULL DEFAULT 0,
    watermark           timestamptz,            -- the module's watermark after this run
    error               text,
    owner               text                    -- pid@host of the process that ran it
);
CREATE INDEX IF NOT EXISTS runs_module_started_idx ON sync.runs (module, started_at DESC);

-- At most one run per module at a time, across processes. A lock whose heartbeat stopped is taken over.
CREATE TABLE IF NOT EXISTS sync.locks (
    module       text PRIMARY KEY,
    run_id       uuid        NOT NULL,
    owner        text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Where the next incremental run starts: moved only by runs that ended ok.
CREATE TABLE IF NOT EXISTS sync.watermarks (
    module        text PRIMARY KEY,
    modified_time timestamptz,                  -- newest Modified_Time written
    deleted_since timestamptz,                  -- newest deletion time seen
    run_id        uuid,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The keyset position (Modified_Time, id) committed with each written batch; a failed or killed run
-- is resumed from here by the next one.
CREATE TABLE IF NOT EXISTS sync.checkpoints (
    module        text PRIMARY KEY,
    run_id        uuid        NOT NULL,
    modified_time timestamptz NOT NULL,
    record_id     text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Records that could not be mapped or stored, with Zoho's raw JSON and the reason. The same raw record
-- seen again (an overlapping run) updates its row instead of adding one.
CREATE TABLE IF NOT EXISTS sync.quarantine (
    id            bigserial PRIMARY KEY,
    module        text        NOT NULL,
    zoho_id       text,
    modified_time timestamptz,
    raw           jsonb       NOT NULL,
    reason        text        NOT NULL,
    run_id        uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    raw_hash      text GENERATED ALWAYS AS (md5(raw::text)) STORED
);
CREATE UNIQUE INDEX IF NOT EXISTS quarantine_module_raw_idx ON sync.quarantine (module, raw_hash);
CREATE INDEX IF NOT EXISTS quarantine_module_zoho_id_idx ON sync.quarantine (module, zoho_id);

-- Exchanges that still failed after their retries: which run, which step, why, and what to replay.
CREATE TABLE IF NOT EXISTS sync.dead_letters (
    id         bigserial PRIMARY KEY,
    run_id     uuid,
    module     text        NOT NULL,
    step       text,
    error      text        NOT NULL,
    payload    jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dead_letters_module_created_idx ON sync.dead_letters (module, created_at DESC);
