package dev.crmmirror.store;

import dev.crmmirror.mapping.MappedPage;
import dev.crmmirror.mapping.MappedRecord;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.DeletedPage;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

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

    public UpsertWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(MappedPage page, SyncRun run) throws SQLException {
        List<MappedRecord> records = page.records();
        int size = run.settings().batchSize();
        for (int from = 0; from < records.size(); from += size) {
            writeBatch(run, records.subList(from, Math.min(records.size(), from + size)));
        }
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

    private void writeBatch(SyncRun run, List<MappedRecord> batch) throws SQLException {
        MirrorTable table = table(run.mapping());
        Sorted sorted = new Sorted(batch);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long written;
            try {
                openBatch(c, run);
                written = sorted.iterator().hasNext() ? upsert(c, table, sorted, run) : 0;
            } catch (SQLException e) {
                c.rollback();
                if (!isDataError(e)) {
                    throw e;
                }
                heartbeat(c, run);
                written = rowByRow(c, table, sorted.rows(), sorted.rejected, run);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
            try {
                sorted.readAll(); // anything the writes above left unread: no reject may miss the quarantine
                quarantine(c, run, sorted.rejected);
                saveCheckpoint(c, run, sorted.checkpoint);
                c.commit();
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
        long copied = 0;
        try (PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql)) {
            CopyEncoder encoder = new CopyEncoder(out);
            for (MappedRecord.Row row : rows) {
                encoder.row(row.values(), extraColumns);
                copied++;
            }
            encoder.flush();
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
        }
        return copied;
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
     * A batch's transaction starts, in one round trip, with the lock's heartbeat (which also proves the run still
     * holds the module) and without waiting for its WAL flush at commit. Its rows and its checkpoint commit together,
     * so should PostgreSQL crash and lose the last batches, it loses their checkpoint with them and the next run
     * fetches them again from Zoho: consistency is kept, only redone work is risked. The run's end (sync.runs, the
     * watermark) still commits durably, and flushes these batches with it.
     */
    private static void openBatch(Connection c, SyncRun run) throws SQLException {
        heartbeat(c, run, "SET LOCAL synchronous_commit TO off; " + HEARTBEAT);
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
