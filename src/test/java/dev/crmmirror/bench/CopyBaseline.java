package dev.crmmirror.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical limit of writing the mirror: the very rows the sync wrote, exported with COPY TO, then loaded with
 * one {@code COPY FROM STDIN} into a table created {@code LIKE zoho.leads INCLUDING ALL} (same columns, primary key
 * and indexes, GIN included), emptied with TRUNCATE before each load. The benchmark loads it once after each measured
 * backfill, so that both see the machine as it is at that moment; the medians count.
 */
final class CopyBaseline implements AutoCloseable {
    private final Connection c;
    private final CopyManager copy;
    private final Path file;
    private final long rows;
    private final List<Double> seconds = new ArrayList<>();

    private CopyBaseline(Connection c, CopyManager copy, Path file, long rows) {
        this.c = c;
        this.copy = copy;
        this.file = file;
        this.rows = rows;
    }

    /** Exports zoho.leads to a file under {@code scratch} and creates the table to load it into. */
    static CopyBaseline export(Connection c, Path scratch) throws SQLException, IOException {
        c.setAutoCommit(true);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Path file = Files.createTempFile(scratch, "leads-", ".copy");
        long rows;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            rows = copy.copyOut("COPY (SELECT * FROM zoho.leads) TO STDOUT", out);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS bench");
            st.execute("DROP TABLE IF EXISTS bench.leads_copy");
            st.execute("CREATE TABLE bench.leads_copy (LIKE zoho.leads INCLUDING ALL)");
        }
        return new CopyBaseline(c, copy, file, rows);
    }

    /** One load into the emptied table; answers its seconds. */
    double load() throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE bench.leads_copy");
        }
        long loaded;
        long started = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            loaded = copy.copyIn("COPY bench.leads_copy FROM STDIN", in);
        }
        double s = (System.nanoTime() - started) / 1e9;
        if (loaded != rows) throw new IllegalStateException("COPY loaded " + loaded + " rows of " + rows);
        seconds.add(s);
        return s;
    }

    double medianSeconds() {
        return median(seconds);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Index definitions of a table, to show the copy is indexed like the mirror. */
    static List<String> indexes(Connection c, String schema, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) indexes.add(rs.getString(1).replaceAll("INDEX \\S+ ON \\S+", "INDEX ON <table>"));
            }
        }
        indexes.sort(null);
        return indexes;
    }

    double rowsPerSecond() {
        return rows / medianSeconds();
    }

    Map<String, Object> toMap() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rows", rows);
        map.put("fileBytes", Files.size(file));
        map.put("secondsEachRepeat", seconds.stream().map(Sampler::round).toList());
        map.put("medianSeconds", Sampler.round(medianSeconds()));
        map.put("recordsPerSecond", Math.round(rowsPerSecond()));
        return map;
    }
}
