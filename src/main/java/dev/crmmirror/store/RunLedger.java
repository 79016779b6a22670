package dev.crmmirror.store;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.config.ModuleMappings;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.ZohoException;
import dev.crmmirror.zoho.ZohoThrottledException;
import dev.crmmirror.zoho.ZohoTransientException;
import org.apache.camel.CamelException;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bookkeeping around a run: the module lock (so two schedulers or instances never sync one module at
 * once), the {@code sync.runs} row, the watermark and checkpoint a run starts from, and how it ends. The
 * watermark moves only when a run ends ok; a failed run leaves its checkpoint for the next one to resume.
 */
@Component("runLedger")
public class RunLedger {

    private static final Logger log = LoggerFactory.getLogger(RunLedger.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ModuleMappings mappings;
    private final MirrorProperties props;
    private final Clock clock;
    private final RunObserver observer;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName(); // pid@host

    public RunLedger(JdbcTemplate jdbc, TransactionTemplate tx, ModuleMappings mappings, MirrorProperties props, Clock clock,
                     ObjectProvider<RunObserver> observer) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mappings = mappings;
        this.props = props;
        this.clock = clock;
        this.observer = observer.getIfAvailable(() -> RunObserver.NONE);
    }

    /**
     * Claims the module's lock and opens a sync run; if another live run holds the lock, records a skipped run.
     *
     * @param scheduledFor the schedule's fire time, null when started by a one-shot command
     */
    public SyncRun open(String module, Date scheduledFor) {
        return open(module, SyncRun.Kind.SYNC, scheduledFor == null ? null : scheduledFor.toInstant());
    }

    /** Opens a run that re-processes the module's quarantine; it holds the lock so no sync writes meanwhile. */
    public SyncRun openReplay(String module) {
        return open(module, SyncRun.Kind.REPLAY, null);
    }

    private SyncRun open(String module, SyncRun.Kind kind, Instant scheduledFor) {
        ModuleMapping mapping = mappings.get(module);
        UUID runId = UUID.randomUUID();
        Instant now = clock.instant();
        // every log line of the run carries its id and module (the JSON logs have them as fields)
        MDC.put("run_id", runId.toString());
        MDC.put("module", module);
        SyncRun opened;
        try {
            opened = tx.execute(status -> {
                String heldBy = claimLock(module, runId);
                if (heldBy != null) {
                    insertRun(runId, kind, module, scheduledFor, "skipped", null, "skipped: " + heldBy);
                    log.info("{}: {} skipped, {}", module, kind.name().toLowerCase(), heldBy);
                    SyncRun skipped = new SyncRun(runId, kind, mapping, props.settingsFor(module), now, null, null, null, observer);
                    skipped.finish(SyncRun.Status.SKIPPED, heldBy, now);
                    return skipped;
                }
                if (kind == SyncRun.Kind.REPLAY) {
                    insertRun(runId, kind, module, scheduledFor, "running", null, null);
                    log.info("{}: replay of the quarantine {} started", module, runId);
                    return new SyncRun(runId, kind, mapping, props.settingsFor(module), now, null, null, null, observer);
                }
                Map<String, Object> marks = jdbc.queryForList(
                        "SELECT modified_time, deleted_since FROM sync.watermarks WHERE module = ?", module).stream().findFirst().orElse(Map.of());
                Instant watermark = instant(marks.get("modified_time"));
                Cursor resumeFrom = jdbc.query("SELECT modified_time, record_id FROM sync.checkpoints WHERE module = ?",
                        (rs, i) -> new Cursor(rs.getTimestamp(1).toInstant(), rs.getString(2)), module).stream().findFirst().orElse(null);
                insertRun(runId, kind, module, scheduledFor, "running", watermark, null);
                SyncRun run = new SyncRun(runId, kind, mapping, props.settingsFor(module), now, watermark, resumeFrom,
                        instant(marks.get("deleted_since")), observer);
                log.info("{}: run {} started ({})", module, runId, resumeFrom != null ? "resuming after " + resumeFrom
                        : watermark != null ? "changes since " + run.windowStart() : "backfill");
                return run;
            });
        } catch (RuntimeException e) {
            MDC.remove("run_id");
            MDC.remove("module");
            throw e;
        }
        if (opened.isSkipped()) {
            ended(opened);
        }
        return opened;
    }

    private void ended(SyncRun run) {
        observer.ended(run);
        MDC.remove("run_id");
        MDC.remove("module");
    }

    /** Ends a run ok: counts, the new watermark, checkpoint cleared, lock released. A replay moves neither. */
    public void close(SyncRun run) {
        if (run == null) {
            return;
        }
        try {
            run.awaitCommitted(); // the route awaits it first (upsertWriter.finish); this is for other callers
        } catch (SQLException | RuntimeException e) {
            fail(run, e);
            return;
        }
        if (!run.finish(SyncRun.Status.OK, null, clock.instant())) {
            return;
        }
        if (run.kind() == SyncRun.Kind.REPLAY) {
            tx.executeWithoutResult(status -> {
                updateRun(run, null);
                releaseLock(run);
            });
            log.info("{}: replay {} ok: {} quarantined records landed, {} still quarantined", run.module(), run.id(), run.written(),
                    run.quarantined());
            ended(run);
            return;
        }
        Instant watermark = run.nextWatermark();
        tx.executeWithoutResult(status -> {
            updateRun(run, watermark);
            jdbc.update("""
                    INSERT INTO sync.watermarks (module, modified_time, deleted_since, run_id, updated_at)
                    VALUES (?, ?, ?, ?::uuid, now())
                    ON CONFLICT (module) DO UPDATE SET modified_time = excluded.modified_time,
                           deleted_since = excluded.deleted_since, run_id = excluded.run_id, updated_at = now()""",
                    run.module(), timestamp(watermark), timestamp(run.nextDeletionsSince()), run.id().toString());
            jdbc.update("DELETE FROM sync.checkpoints WHERE module = ?", run.module());
            releaseLock(run);
        });
        log.info("{}: run {} ok: read {}, written {}, quarantined {}, deleted {}, {} API calls ({} credits), watermark {}", run.module(),
                run.id(), run.read(), run.written(), run.quarantined(), run.deleted(), run.apiCalls(), run.apiCredits(), watermark);
        ended(run);
    }

    /** Ends a run failed: the watermark stays, the checkpoint stays for the next run to resume from. */
    public void fail(SyncRun run, Throwable cause) {
        if (run == null) {
            return;
        }
        try {
            run.awaitCommitted(); // a batch still committing keeps the lock until it is done
        } catch (SQLException | RuntimeException e) {
            log.warn("{}: run {}: a batch committing when the run failed failed too: {}", run.module(), run.id(), describe(e));
        }
        if (!run.finish(SyncRun.Status.FAILED, describe(cause), clock.instant())) {
            return;
        }
        tx.executeWithoutResult(status -> {
            updateRun(run, null);
            releaseLock(run);
        });
        log.error("{}: run {} failed after reading {} and writing {} records: {}", run.module(), run.id(), run.read(), run.written(),
                run.error());
        ended(run);
    }

    /** What an operator reads in sync.runs.error: our own messages as they are, anything else with its type. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "failed";
        }
        Throwable t = unwrap(cause);
        if (t instanceof ZohoThrottledException) {
            return t.getMessage() + ". It outlasted every retry: the org's daily API credits may be used up (they come back over a rolling "
                    + "24 h) or other clients hold the concurrency. The next run resumes from the last checkpoint.";
        }
        if (t instanceof ZohoTransientException) {
            return t.getMessage() + ". It outlasted every retry (crm-mirror.retry.*); the next run resumes from the last checkpoint.";
        }
        if (t instanceof ZohoException || t instanceof LockLostException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Camel wraps what a split part threw ("Multicast processing failed for number 3"); the cause is the news. */
    static Throwable unwrap(Throwable cause) {
        Throwable t = cause;
        while (t != null && t.getCause() != null && (t instanceof RuntimeCamelException || t instanceof CamelException)) {
            t = t.getCause();
        }
        return t;
    }

    /** @return null when claimed, else who holds the lock */
    private String claimLock(String module, UUID runId) {
        int claimed = jdbc.update("""
                INSERT INTO sync.locks (module, run_id, owner, acquired_at, heartbeat_at) VALUES (?, ?::uuid, ?, now(), now())
                ON CONFLICT (module) DO NOTHING""", module, runId.toString(), owner);
        if (claimed == 1) {
            return null;
        }
        List<Map<String, Object>> holder = jdbc.queryForList(
                "SELECT run_id, owner, acquired_at, heartbeat_at, heartbeat_at < now() - make_interval(secs => ?) AS stale FROM sync.locks WHERE module = ? FOR UPDATE",
                (double) props.lockStaleAfter().toSeconds(), module);
        if (holder.isEmpty()) {
            // released between our insert and select: try once more
            return jdbc.update("INSERT INTO sync.locks (module, run_id, owner, acquired_at, heartbeat_at) VALUES (?, ?::uuid, ?, now(), now()) "
                    + "ON CONFLICT (module) DO NOTHING", module, runId.toString(), owner) == 1 ? null : "the lock is held by another run";
        }
        Map<String, Object> h = holder.get(0);
        if (!Boolean.TRUE.equals(h.get("stale"))) {
            return "run " + h.get("run_id") + " (" + h.get("owner") + ") holds the lock since " + h.get("acquired_at")
                    + ", last heartbeat " + h.get("heartbeat_at");
        }
        jdbc.update("UPDATE sync.locks SET run_id = ?::uuid, owner = ?, acquired_at = now(), heartbeat_at = now() WHERE module = ?",
                runId.toString(), owner, module);
        String abandoned = "abandoned: its process (" + h.get("owner") + ") stopped without ending the run; the lock was taken over by run "
                + runId + " after " + props.lockStaleAfter().toSeconds() + " s without heartbeat";
        jdbc.update("UPDATE sync.runs SET status = 'failed', ended_at = now(), error = ? WHERE id = ?::uuid AND status = 'running'",
                abandoned, h.get("run_id").toString());
        log.warn("{}: took over the stale lock of run {} ({})", module, h.get("run_id"), h.get("owner"));
        return null;
    }

    private void insertRun(UUID runId, SyncRun.Kind kind, String module, Instant scheduledFor, String status, Instant watermark, String error) {
        jdbc.update("""
                INSERT INTO sync.runs (id, kind, module, scheduled_at, started_at, ended_at, status, watermark, error, owner)
                VALUES (?::uuid, ?, ?, ?, now(), CASE WHEN ? = 'running' THEN NULL ELSE now() END, ?, ?, ?, ?)""",
                runId.toString(), kind.name().toLowerCase(), module, timestamp(scheduledFor), status, status, timestamp(watermark), error, owner);
    }

    private void updateRun(SyncRun run, Instant watermark) {
        jdbc.update("""
                UPDATE sync.runs SET status = ?, ended_at = now(), records_read = ?, records_written = ?, records_quarantined = ?,
                       records_deleted = ?, api_calls = ?, api_credits = ?, watermark = COALESCE(?, watermark), error = ?
                 WHERE id = ?::uuid""",
                run.status().name().toLowerCase(), run.read(), run.written(), run.quarantined(), run.deleted(), run.apiCalls(),
                run.apiCredits(), timestamp(watermark), run.error(), run.id().toString());
    }

    private void releaseLock(SyncRun run) {
        jdbc.update("DELETE FROM sync.locks WHERE module = ? AND run_id = ?::uuid", run.module(), run.id().toString());
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return null;
    }
}
