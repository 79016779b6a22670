package dev.crmmirror.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What {@code sync.runs} and {@code sync.watermarks} say about each module: for health, metrics, alerts and the runs page. */
@Component
public class RunHistory {

    /** @param newestModifiedTime the newest Modified_Time the mirror holds (the watermark); null before the first ok run */
    public record ModuleState(String module, Instant lastOkRunEnded, Instant newestModifiedTime, int consecutiveFailures,
                              String lastStatus, String lastError) {
    }

    public record Run(UUID id, String kind, String status, Instant startedAt, Instant endedAt, long read, long written, long quarantined,
                      long deleted, int apiCalls, int apiCredits, String error) {

        public Duration duration() {
            return endedAt == null ? null : Duration.between(startedAt, endedAt);
        }
    }

    private static final String CONSECUTIVE_FAILURES = """
            (SELECT count(*) FROM sync.runs f WHERE f.module = %1$s AND f.kind = 'sync' AND f.status = 'failed'
                AND f.started_at > coalesce((SELECT max(o.started_at) FROM sync.runs o
                                              WHERE o.module = %1$s AND o.kind = 'sync' AND o.status = 'ok'), '-infinity'))""";

    private final JdbcTemplate jdbc;

    public RunHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Failed sync runs of the module since its last ok one. */
    public int consecutiveFailures(String module) {
        Integer n = jdbc.queryForObject("SELECT " + CONSECUTIVE_FAILURES.formatted("?"), Integer.class, module, module);
        return n == null ? 0 : n;
    }

    public List<ModuleState> states(List<String> modules) {
        return jdbc.query("SELECT m.module,"
                + " (SELECT max(ended_at) FROM sync.runs WHERE module = m.module AND kind = 'sync' AND status = 'ok'),"
                + " (SELECT modified_time FROM sync.watermarks WHERE module = m.module), "
                + CONSECUTIVE_FAILURES.formatted("m.module") + ","
                + " l.status, l.error"
                + " FROM unnest(?::text[]) AS m(module)"
                + " LEFT JOIN LATERAL (SELECT status, error FROM sync.runs WHERE module = m.module AND kind = 'sync' AND status <> 'running'"
                + "                     ORDER BY started_at DESC LIMIT 1) l ON true",
                (rs, i) -> new ModuleState(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getInt(4),
                        rs.getString(5), rs.getString(6)),
                (Object) modules.toArray(String[]::new));
    }

    public List<Run> recentRuns(String module, int limit) {
        return jdbc.query("""
                SELECT id, kind, status, started_at, ended_at, records_read, records_written, records_quarantined, records_deleted,
                       api_calls, api_credits, error
                  FROM sync.runs WHERE module = ? ORDER BY started_at DESC LIMIT ?""",
                (rs, i) -> new Run(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getInt(10),
                        rs.getInt(11), rs.getString(12)),
                module, limit);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
