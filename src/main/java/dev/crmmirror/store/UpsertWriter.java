package dev.crmmirror.store;

import dev.crmmirror.mapping.MappedPage;
import dev.crmmirror.mapping.MappedRecord;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.DeletedPage;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import jakarta.annotation.PreDestroy;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes mapped pages into the mirror, one transaction per batch: COPY the rows into a staging table, upsert
 * from it, quarantine the rejects, and commit the checkpoint and the lock heartbeat with them, so a crash
 * never leaves the checkpoint ahead of the data. If PostgreSQL refuses a batch for its data, the batch is
 * written row by row and the rows it still refuses are quarantined with its reason.
 */
@Component("upsertWriter")
public class UpsertWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String HEARTBEAT = "UPDATE sync.locks SET heartbeat_at = now() WHERE module = ? AND run_id = ?::uuid";

    private final DataSource dataSource;
    private final Map<String, MirrorTable> tables = new ConcurrentHashMap<>();
    private final ExecutorService committer = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "batch-commit");
        t.setDaemon(true);
        return t;
    });

    public UpsertWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(MappedPage page, SyncRun run) throws SQLException {
        List<MappedRecord> records = page.records();
        int size = run.settings().batchSize();
        for (int from = 0; from < records.size(); from += size) {
            List<MappedRecord> batch = records.subList(from, Math.min(records.size(), from + size));
            if (run.insertsDirectly()) {
                streamBatch(run, batch);
            } else {
                run.awaitCommitted();
                writeBatch(run, batch);
            }
        }
    }

    /** After a run's last page: its last batch is committed (or its failure thrown) before the run may close. */
    public void finish(SyncRun run) throws SQLException {
        run.awaitCommitted();
    }

    @PreDestroy
    void close() {
        committer.shutdown();
    }

    /** Marks the mirror rows of deleted records; a row edited after the deletion time stays live. */
    public void markDeleted(DeletedPage page, SyncRun run) throws SQLException {
        if (page.deletions().isEmpty()) {
            return;
        }
        Instant newest = page.deletions().stream().map(DeletedPage.Deletion::deletedTime).max(Instant::compareTo).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                heartbeat(c, run);
                int marked;
                try (PreparedStatement ps = c.prepareStatement(table(run.mapping()).markDeleted())) {
                    ps.setArray(1, c.createArrayOf("text", page.deletions().stream().map(DeletedPage.Deletion::id).toArray()));
                    ps.setArray(2, c.createArrayOf("text", page.deletions().stream().map(d -> d.deletedTime().toString()).toArray()));
                    marked = ps.executeUpdate();
                }
                c.commit();
                run.deleted(marked, newest);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * While a backfill's rows are new, a batch streams into the table on this thread, and its end (COPY's completion,
     * the quarantine, the checkpoint, the commit) is awaited on a thread of its own while this one maps and streams the
     * next batch on another connection. PostgreSQL then works through one batch's tail while the next one arrives,
     * instead of idling at every batch boundary while the mapper waits for it. Batches still commit in order, each
     * with its checkpoint and heartbeat. Two batches in flight never hold the same record: a row whose id the batch
     * before still holds waits until that one is committed (else each could wait for the other, one in PostgreSQL,
     * one here). Anything unusual (a row already there, a row PostgreSQL refuses, a lost lock) is left to
     * {@link #writeBatch}, once the batch before is committed.
     */
    private void streamBatch(SyncRun run, List<MappedRecord> batch) throws SQLException {
        MirrorTable table = table(run.mapping());
        Sorted sorted = new Sorted(batch);
        Set<String> ids = new HashSet<>();
        Connection c = dataSource.getConnection();
        PGCopyOutputStream copy = null;
        long copied;
        try {
            c.setAutoCommit(false);
            copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), table.copyIntoTable());
            Iterable<MappedRecord.Row> rows = () -> new Iterator<>() {
                private final Iterator<MappedRecord.Row> all = sorted.iterator();

                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public MappedRecord.Row next() {
                    MappedRecord.Row row = all.next();
                    String id = (String) row.values()[0];
                    ids.add(id);
                    if (!run.awaitCommittedIfHolding(id)) {
                        throw new IllegalStateException("the batch before failed"); // thrown below by awaitCommitted
                    }
                    return row;
                }
            };
            copied = stream(copy, rows, CopyEncoder.encoded(Instant.now().toString()), CopyEncoder.encoded(run.id().toString()));
            copy.flush();
            sorted.readAll(); // all mapping on this thread: the next batch may share the page's field order
        } catch (SQLException | IOException | RuntimeException e) {
            abandon(c, copy);
            run.awaitCommitted();
            writeBatch(run, batch);
            return;
        }
        try {
            run.awaitCommitted();
        } catch (SQLException | RuntimeException e) {
            abandon(c, copy);
            throw e;
        }
        PGCopyOutputStream streamed = copy;
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        run.committing(committer.submit(() -> {
            // logs as part of the run (run_id, module)
            MDC.setContextMap(logContext == null ? Map.of() : logContext);
            try {
                endBatch(run, batch, sorted, c, streamed, copied);
            } finally {
                MDC.clear();
            }
            return null;
        }), ids);
    }

    private void endBatch(SyncRun run, List<MappedRecord> batch, Sorted sorted, Connection c, PGCopyOutputStream copy, long copied)
            throws SQLException {
        try (c) {
            try {
                endCopy(copy);
                commitBatch(c, run, sorted);
            } catch (SQLException e) {
                c.rollback();
                if (!isDataError(e)) {
                    throw e;
                }
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    run.stopInsertingDirectly();
                }
                writeBatch(run, batch);
                return;
            }
        }
        run.written(copied, sorted.newest);
        run.quarantined(sorted.rejected.size());
    }

    /** Rolls back and returns a connection whose batch is given up (its COPY, if started, ends with it). */
    private static void abandon(Connection c, PGCopyOutputStream copy) {
        try (c) {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            // the connection goes back to the pool, which checks it; the batch is retried the synchronous way
        }
    }

    private void writeBatch(SyncRun run, List<MappedRecord> batch) throws SQLException {
        MirrorTable table = table(run.mapping());
        Sorted sorted = new Sorted(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long written;
            try {
                written = sorted.iterator().hasNext() ? upsert(c, table, sorted, run) : 0;
            } catch (SQLException e) {
                c.rollback();
                if (!isDataError(e)) {
                    throw e;
                }
                written = rowByRow(c, table, sorted.rows(), sorted.rejected, run);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
            try {
                commitBatch(c, run, sorted);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            run.written(written, sorted.newest);
            run.quarantined(sorted.rejected.size());
        }
    }

    /**
     * A batch's rows, told from its rejects as they are read, with the newest Modified_Time among the rows and the
     * position of the last record that has one (the batch's checkpoint). Reading a record maps it (RecordMapper maps
     * lazily), so the first COPY sends each row as soon as it is mapped; a second pass (a fallback) reads what the
     * first kept.
     */
    private static final class Sorted implements Iterable<MappedRecord.Row> {
        private final List<MappedRecord> batch;
        private final List<MappedRecord.Row> rows = new ArrayList<>();
        final List<MappedRecord.Rejected> rejected = new ArrayList<>();
        Cursor checkpoint;
        Instant newest;
        private int read;

        Sorted(List<MappedRecord> batch) {
            this.batch = batch;
        }

        @Override
        public Iterator<MappedRecord.Row> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    while (next == rows.size() && read < batch.size()) {
                        readOne();
                    }
                    return next < rows.size();
                }

                @Override
                public MappedRecord.Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return rows.get(next++);
                }
            };
        }

        /** Every row of the batch. */
        List<MappedRecord.Row> rows() {
            readAll();
            return rows;
        }

        void readAll() {
            while (read < batch.size()) {
                readOne();
            }
        }

        private void readOne() {
            MappedRecord r = batch.get(read++);
            if (r instanceof MappedRecord.Row row) {
                rows.add(row);
                Instant t = (Instant) row.values()[row.values().length - 1];
                if (newest == null || t.isAfter(newest)) {
                    newest = t;
                }
            } else {
                rejected.add((MappedRecord.Rejected) r);
            }
            if (r.position() != null) {
                checkpoint = r.position();
            }
        }
    }

    /**
     * While a module is being backfilled its rows are new, so they go straight into the mirror table with one
     * COPY, the cheapest way PostgreSQL loads rows. The first batch that meets a row already there (a record
     * edited during the backfill, a resumed run) rolls that attempt back; from then on the run stages and upserts.
     */
    private static long upsert(Connection c, MirrorTable table, Iterable<MappedRecord.Row> rows, SyncRun run) throws SQLException {
        if (run.insertsDirectly()) {
            Savepoint attempt = c.setSavepoint();
            try {
                long copied = copy(c, table.copyIntoTable(), rows, CopyEncoder.encoded(Instant.now().toString()),
                        CopyEncoder.encoded(run.id().toString()));
                c.releaseSavepoint(attempt);
                return copied;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(attempt);
                run.stopInsertingDirectly();
            }
        }
        try (var st = c.createStatement()) {
            st.execute(table.createStage());
        }
        copy(c, table.copyIntoStage(), rows);
        long written;
        try (PreparedStatement ps = c.prepareStatement(table.upsert())) {
            ps.setString(1, run.id().toString());
            written = ps.executeUpdate();
        }
        // emptied at once, as the row-by-row fallback upserts again within the same transaction
        try (var st = c.createStatement()) {
            st.execute(table.clearStage());
        }
        return written;
    }

    /** @return the rows copied */
    private static long copy(Connection c, String sql, Iterable<MappedRecord.Row> rows, byte[]... extraColumns) throws SQLException {
        PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql);
        long copied;
        try {
            copied = stream(out, rows, extraColumns);
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof RuntimeException failed) {
                throw failed;
            }
            throw refusal((IOException) e);
        }
        endCopy(out);
        return copied;
    }

    /** @return the rows written into {@code out}, which is flushed but not closed */
    private static long stream(PGCopyOutputStream out, Iterable<MappedRecord.Row> rows, byte[]... extraColumns) throws IOException {
        long copied = 0;
        CopyEncoder encoder = new CopyEncoder(out);
        for (MappedRecord.Row row : rows) {
            encoder.row(row.values(), extraColumns);
            copied++;
        }
        encoder.flush();
        return copied;
    }

    /** Ends a COPY: sends what is buffered and waits for PostgreSQL to accept or refuse the rows. */
    private static void endCopy(PGCopyOutputStream out) throws SQLException {
        try {
            out.close();
        } catch (IOException e) {
            throw refusal(e);
        }
    }

    private static SQLException refusal(IOException e) {
        return e.getCause() instanceof SQLException refused ? refused : new SQLException("COPY failed: " + e.getMessage(), "08000", e);
    }

    /** Isolates the rows PostgreSQL refuses (each in a savepoint) and moves them to {@code rejected}. */
    private static long rowByRow(Connection c, MirrorTable table, List<MappedRecord.Row> rows, List<MappedRecord.Rejected> rejected,
                                 SyncRun run) throws SQLException {
        long written = 0;
        for (MappedRecord.Row row : rows) {
            Savepoint sp = c.setSavepoint();
            try {
                written += upsert(c, table, List.of(row), run);
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                c.rollback(sp);
                rejected.add(row.reject("PostgreSQL refused the row: " + e.getMessage().strip().replaceAll("\\s+", " ")));
            }
        }
        return written;
    }

    private static void quarantine(Connection c, SyncRun run, List<MappedRecord.Rejected> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync.quarantine (module, zoho_id, raw, reason, run_id, modified_time, replayable)
                VALUES (?, ?, ?::jsonb, ?, ?::uuid, ?, ?)
                ON CONFLICT (module, raw_hash) DO UPDATE
                   SET reason = excluded.reason, run_id = excluded.run_id, last_seen_at = now()""")) {
            for (MappedRecord.Rejected r : rejected) {
                ps.setString(1, run.module());
                ps.setString(2, r.zohoId());
                ps.setString(3, r.rawJson());
                ps.setString(4, r.reason());
                ps.setString(5, run.id().toString());
                ps.setObject(6, r.position() == null ? null : Timestamp.from(r.position().modifiedTime()));
                ps.setBoolean(7, r.replayable());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void saveCheckpoint(Connection c, SyncRun run, Cursor checkpoint) throws SQLException {
        if (checkpoint == null || run.kind() == SyncRun.Kind.REPLAY) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync.checkpoints (module, run_id, modified_time, record_id, updated_at)
                VALUES (?, ?::uuid, ?, ?, now())
                ON CONFLICT (module) DO UPDATE
                   SET run_id = excluded.run_id, modified_time = excluded.modified_time,
                       record_id = excluded.record_id, updated_at = now()""")) {
            ps.setString(1, run.module());
            ps.setString(2, run.id().toString());
            ps.setTimestamp(3, Timestamp.from(checkpoint.modifiedTime()));
            ps.setString(4, checkpoint.id());
            ps.executeUpdate();
        }
    }

    /**
     * A batch's transaction ends with its rejects quarantined, the lock's heartbeat, which also proves the run still
     * holds the module (and makes a run taking over wait for this commit), then its checkpoint. Taken at the end, the heartbeat's row lock
     * is held only while commits go one after the other, never while a batch streams, so a batch in flight does not
     * wait for the one committing. The commit does not wait for its WAL flush: its rows and its checkpoint commit
     * together, so should PostgreSQL crash and lose the last batches, it loses their checkpoint with them and the next
     * run fetches them again from Zoho: consistency is kept, only redone work is risked. The run's end (sync.runs, the
     * watermark) still commits durably, and flushes these batches with it.
     */
    private static void commitBatch(Connection c, SyncRun run, Sorted batch) throws SQLException {
        batch.readAll(); // anything the writes left unread: no reject may miss the quarantine
        quarantine(c, run, batch.rejected);
        heartbeat(c, run, "SET LOCAL synchronous_commit TO off; " + HEARTBEAT);
        saveCheckpoint(c, run, batch.checkpoint);
        c.commit();
    }

    static void heartbeat(Connection c, SyncRun run) throws SQLException {
        heartbeat(c, run, HEARTBEAT);
    }

    /** @param sql statements ending with the heartbeat, sent together */
    private static void heartbeat(Connection c, SyncRun run, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, run.module());
            ps.setString(2, run.id().toString());
            ps.execute();
            int beats = ps.getUpdateCount();
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                beats = ps.getUpdateCount();
            }
            if (beats == 0) {
                throw new LockLostException(run);
            }
        }
    }

    /** SQLSTATE classes 22 (data exception), 23 (integrity) and 54 (program limit, e.g. a value too large to index). */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    private MirrorTable table(ModuleMapping mapping) {
        return tables.computeIfAbsent(mapping.module(), m -> new MirrorTable(mapping));
    }
}
