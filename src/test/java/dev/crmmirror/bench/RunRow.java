package dev.crmmirror.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of sync.runs, as the application's run ledger wrote it. */
record RunRow(String id, String status, Instant scheduledAt, Instant startedAt, Instant endedAt, long read, long written,
              long quarantined, long apiCalls, long apiCredits, String error) {

    private static final String COLUMNS = "id::text, status, scheduled_at, started_at, ended_at, records_read, records_written, "
            + "records_quarantined, api_calls, api_credits, error";

    /** The newest sync run of the module. */
    static RunRow latest(Connection c, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync.runs WHERE module = ? AND kind = 'sync' "
                + "ORDER BY started_at DESC LIMIT 1")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? of(rs) : null;
            }
        }
    }

    static RunRow byId(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sync.runs WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? of(rs) : null;
            }
        }
    }

    private static RunRow of(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4), instant(rs, 5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** ended_at − started_at: the sync itself, without the JVM's start-up and shutdown. */
    double seconds() {
        return endedAt == null ? Double.NaN : Duration.between(startedAt, endedAt).toNanos() / 1e9;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("status", status);
        map.put("scheduledAt", scheduledAt == null ? null : scheduledAt.toString());
        map.put("startedAt", String.valueOf(startedAt));
        map.put("endedAt", String.valueOf(endedAt));
        map.put("seconds", Sampler.round(seconds()));
        map.put("recordsRead", read);
        map.put("recordsWritten", written);
        map.put("recordsQuarantined", quarantined);
        map.put("apiCalls", apiCalls);
        map.put("apiCredits", apiCredits);
        map.put("error", error);
        return map;
    }
}
