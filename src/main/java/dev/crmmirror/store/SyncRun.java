package dev.crmmirror.store;

import dev.crmmirror.config.SyncSettings;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.SyncPlan;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of one module, from lock to close: where it starts, what it has done, how it ended. The sync route
 * carries it as the exchange property {@code syncRun}; split sub-exchanges share the same instance.
 */
public final class SyncRun implements SyncPlan {

    public enum Status { RUNNING, OK, FAILED, SKIPPED }

    /** A sync pages Zoho; a replay re-processes the quarantine and leaves watermark and checkpoint alone. */
    public enum Kind { SYNC, REPLAY }

    private final UUID id;
    private final Kind kind;
    private final ModuleMapping mapping;
    private final SyncSettings settings;
    private final Instant startedAt;
    private final Instant watermark;
    private final Cursor resumeFrom;
    private final Instant deletionsSince;

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong apiCredits = new AtomicLong();
    private final AtomicReference<Instant> newestWritten = new AtomicReference<>();
    private final AtomicReference<Instant> newestDeletion = new AtomicReference<>();
    private volatile Status status;
    private volatile String error;
    private volatile List<String> driftFields = List.of();
    private volatile boolean insertsDirectly;
    private final AtomicReference<Committing> committing = new AtomicReference<>();
    private final RunObserver observer;
    private volatile Instant endedAt;

    /** A run that has begun; {@link RunLedger} opens them. */
    SyncRun(UUID id, Kind kind, ModuleMapping mapping, SyncSettings settings, Instant startedAt, Instant watermark, Cursor resumeFrom,
            Instant deletionsSince, RunObserver observer) {
        this.observer = observer;
        this.id = id;
        this.kind = kind;
        this.mapping = mapping;
        this.settings = settings;
        this.startedAt = startedAt;
        this.watermark = watermark;
        this.resumeFrom = resumeFrom;
        this.deletionsSince = deletionsSince;
        this.status = Status.RUNNING;
        this.insertsDirectly = kind == Kind.SYNC && watermark == null;
    }

    /** A backfill's rows are new to the mirror: they can be COPYed in without an upsert, until one is not. */
    boolean insertsDirectly() {
        return insertsDirectly;
    }

    void stopInsertingDirectly() {
        insertsDirectly = false;
    }

    /** A batch being committed while the next one streams: its end (COPY's completion, checkpoint, commit), its ids. */
    private record Committing(Future<?> done, Set<String> ids) {
    }

    void committing(Future<?> batch, Set<String> ids) {
        committing.set(new Committing(batch, ids));
    }

    /**
     * Waits for the batch being committed if it holds the record {@code id}.
     *
     * @return false if that batch failed; {@link #awaitCommitted} throws its failure
     */
    boolean awaitCommittedIfHolding(String id) {
        Committing batch = committing.get();
        if (batch == null || !batch.ids().contains(id)) {
            return true;
        }
        try {
            batch.done().get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Waits for the batch being committed, if any; its failure is thrown here, to whoever goes on with the run. */
    void awaitCommitted() throws SQLException {
        Committing batch = committing.getAndSet(null);
        if (batch == null) {
            return;
        }
        try {
            batch.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while a batch of " + module() + " was being committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            throw new SQLException("committing a batch of " + module() + " failed", e.getCause());
        }
    }

    public UUID id() {
        return id;
    }

    @Override
    public String module() {
        return mapping.module();
    }

    public Kind kind() {
        return kind;
    }

    /** The mapping's fields, plus fields that appeared in Zoho since (schema drift), bound for custom_fields. */
    @Override
    public List<String> selectFields() {
        if (driftFields.isEmpty()) {
            return mapping.selectFields();
        }
        List<String> fields = new java.util.ArrayList<>(mapping.selectFields());
        fields.addAll(driftFields);
        return fields;
    }

    void selectDriftFields(List<String> fields) {
        driftFields = List.copyOf(fields);
    }

    @Override
    public int pageSize() {
        return settings.pageSize();
    }

    public ModuleMapping mapping() {
        return mapping;
    }

    public SyncSettings settings() {
        return settings;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Newest Modified_Time of the last ok run; null before the first one (a backfill). */
    public Instant watermark() {
        return watermark;
    }

    /** Where a failed or killed run stopped; this run continues from there instead of from the watermark. */
    @Override
    public Cursor resumeFrom() {
        return resumeFrom;
    }

    /** Where the incremental COQL window starts: the watermark minus the overlap. Null for a backfill. */
    @Override
    public Instant windowStart() {
        return watermark == null ? null : watermark.minus(settings.overlap());
    }

    /** Deletions newer than this are fetched (If-Modified-Since); null fetches every deletion Zoho still keeps. */
    @Override
    public Instant deletionsSince() {
        return deletionsSince == null ? null : deletionsSince.minus(settings.overlap());
    }

    @Override
    public boolean incremental() {
        return watermark != null && resumeFrom == null;
    }

    public boolean isSkipped() {
        return status == Status.SKIPPED;
    }

    public Status status() {
        return status;
    }

    public String error() {
        return error;
    }

    boolean finish(Status outcome, String message, Instant now) {
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = outcome;
            error = message;
            endedAt = now;
            return true;
        }
    }

    /** When the run ended; null while it runs. */
    public Instant endedAt() {
        return endedAt;
    }

    @Override
    public void called(int credits) {
        apiCalls.incrementAndGet();
        apiCredits.addAndGet(credits);
        observer.counted(module(), RunObserver.Count.API_CALLS, 1);
        observer.counted(module(), RunObserver.Count.API_CREDITS, credits);
    }

    @Override
    public void recordsRead(int n) {
        read.addAndGet(n);
        observer.counted(module(), RunObserver.Count.READ, n);
    }

    void written(long rows, Instant newest) {
        written.addAndGet(rows);
        observer.counted(module(), RunObserver.Count.WRITTEN, rows);
        if (newest != null) {
            newestWritten.accumulateAndGet(newest, SyncRun::max);
        }
    }

    void quarantined(long n) {
        quarantined.addAndGet(n);
        observer.counted(module(), RunObserver.Count.QUARANTINED, n);
    }

    void deleted(long n, Instant newest) {
        deleted.addAndGet(n);
        observer.counted(module(), RunObserver.Count.DELETED, n);
        if (newest != null) {
            newestDeletion.accumulateAndGet(newest, SyncRun::max);
        }
    }

    public long read() {
        return read.get();
    }

    public long written() {
        return written.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long apiCalls() {
        return apiCalls.get();
    }

    public long apiCredits() {
        return apiCredits.get();
    }

    /** The watermark an ok end of this run sets: the newest Modified_Time written, by this run or the one it resumed. */
    Instant nextWatermark() {
        Instant next = max(watermark, newestWritten.get());
        return resumeFrom == null ? next : max(next, resumeFrom.modifiedTime());
    }

    Instant nextDeletionsSince() {
        return max(deletionsSince, newestDeletion.get());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    @Override
    public String toString() {
        return "run " + id + " of " + module() + " (" + status + ")";
    }
}
