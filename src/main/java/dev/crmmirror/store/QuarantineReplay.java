package dev.crmmirror.store;

import dev.crmmirror.zoho.CoqlPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;


/**
 * Re-processing of a module's quarantine after its mapping was fixed ({@code --crm-mirror.replay-quarantine}):
 * the quarantined records are read back as pages that go through the same mapper and writer as a sync, and
 * every quarantined record whose version (or a newer one) is now in the mirror leaves the quarantine.
 */
@Component("quarantineReplay")
public class QuarantineReplay {

    private static final Logger log = LoggerFactory.getLogger(QuarantineReplay.class);

    private final JdbcTemplate jdbc;

    public QuarantineReplay(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The replayable quarantined records of the run's module, a batch per page, in quarantine order. */
    public Iterator<CoqlPage> pages(SyncRun run) {
        int size = run.settings().batchSize();
        return new Iterator<>() {
            private long after;
            private int number;
            private CoqlPage next = fetch();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public CoqlPage next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                CoqlPage page = next;
                next = page.more() ? fetch() : null;
                run.recordsRead(page.size());
                return page;
            }

            private CoqlPage fetch() {
                List<Object[]> rows = jdbc.query("SELECT id, raw::text FROM sync.quarantine WHERE module = ? AND replayable AND id > ? ORDER BY id LIMIT ?",
                        (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}, run.module(), after, size);
                if (rows.isEmpty() && number > 0) {
                    return null;
                }
                if (!rows.isEmpty()) {
                    after = (Long) rows.get(rows.size() - 1)[0];
                }
                return CoqlPage.of(run.module(), ++number, rows.stream().map(r -> (String) r[1]).toList(), rows.size() == size);
            }
        };
    }

    /** Removes the quarantined records whose version, or a newer one, is now in the mirror. */
    public int clearLanded(SyncRun run) {
        int cleared = jdbc.update("DELETE FROM sync.quarantine q USING " + new MirrorTable(run.mapping()).qualifiedName()
                + " t WHERE q.module = ? AND t.id = q.zoho_id AND t.modified_time >= q.modified_time", run.module());
        log.info("{}: {} records left the quarantine, {} remain", run.module(), cleared,
                jdbc.queryForObject("SELECT count(*) FROM sync.quarantine WHERE module = ?", Long.class, run.module()));
        return cleared;
    }
}
