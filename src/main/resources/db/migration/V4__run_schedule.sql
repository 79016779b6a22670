-- When the schedule meant a run to start (Quartz's scheduled fire time); null for one-shot runs. With
-- several instances this shows that every firing ran once, and how late a run started.
ALTER TABLE sync.runs ADD COLUMN IF NOT EXISTS scheduled_at timestamptz;
