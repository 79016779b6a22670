package dev.crmmirror.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of a benchmark run: an embedded one started here (as the tests do), or the server named by
 * SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD when set. Every scenario gets a database of its own.
 */
final class BenchDatabase implements AutoCloseable {
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");
    private static final List<String> SETTINGS = List.of("shared_buffers", "work_mem", "maintenance_work_mem", "max_wal_size",
            "checkpoint_timeout", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "max_connections");

    private final EmbeddedPostgres embedded;
    private final String maintenanceUrl;
    private final String username;
    private final String password;
    private final boolean keep;
    private final String prefix = "crm_mirror_bench_" + Long.toString(System.currentTimeMillis() / 1000, 36) + "_";
    private final List<String> created = new ArrayList<>();
    private boolean checkpoints = true;

    private BenchDatabase(EmbeddedPostgres embedded, String maintenanceUrl, String username, String password, boolean keep) {
        this.embedded = embedded;
        this.maintenanceUrl = maintenanceUrl;
        this.username = username;
        this.password = password;
        this.keep = keep;
    }

    static BenchDatabase start(boolean keepDatabases) throws IOException {
        String external = System.getenv("SPRING_DATASOURCE_URL");
        if (external != null && !external.isBlank()) {
            if (!JDBC_URL.matcher(external).matches()) {
                throw new IllegalArgumentException("SPRING_DATASOURCE_URL must look like jdbc:postgresql://host:port/database, got " + external);
            }
            return new BenchDatabase(null, external, System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                    System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""), keepDatabases);
        }
        // durable like a production server: the embedded defaults (fsync and synchronous_commit off) would flatter
        // the sync's many small commits more than the COPY's one
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new BenchDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", keepDatabases);
    }

    boolean embedded() {
        return embedded != null;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /** A new, empty database (or a copy of {@code template}); answers its JDBC URL. */
    String createDatabase(String scenario, String templateUrl) throws SQLException {
        String name = prefix + scenario;
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name + (templateUrl == null ? "" : " TEMPLATE " + databaseName(templateUrl)));
        }
        created.add(name);
        return urlOf(name);
    }

    void dropDatabase(String url) {
        if (keep) return;
        String name = databaseName(url);
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            created.remove(name);
        } catch (SQLException e) {
            System.out.println("[bench] could not drop database " + name + ": " + e.getMessage());
        }
    }

    /**
     * A checkpoint before a measurement, so that none pays for the one before it: a backfill and a COPY load each
     * write hundreds of megabytes of WAL, and past max_wal_size PostgreSQL writes the dirty pages back during whatever
     * runs next. Needs a superuser (the embedded server's) or, from PostgreSQL 15, pg_checkpoint; without, the
     * benchmark goes on and says so once.
     */
    void checkpoint() {
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            if (checkpoints) {
                System.out.println("[bench] no CHECKPOINT before measurements (" + e.getMessage().strip() + ")");
            }
            checkpoints = false;
        }
    }

    boolean checkpoints() {
        return checkpoints;
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    String version() throws SQLException {
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN ('" + String.join("','", SETTINGS)
                     + "') ORDER BY name")) {
            while (rs.next()) settings.put(rs.getString(1), rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
        }
        return settings;
    }

    /** The postmaster's pid if the server runs on this machine (a backend's parent), else -1. */
    long postmasterPid() throws SQLException {
        try (Connection c = connect(maintenanceUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            long parent = Proc.parent(backend);
            if (parent <= 1) return -1;
            // a pid of the same number in another PID namespace would not be ours: check it is a postgres process
            try {
                return Files.readString(Path.of("/proc/" + parent + "/comm")).contains("postgres") ? parent : -1;
            } catch (IOException e) {
                return -1;
            }
        }
    }

    String urlOf(String database) {
        Matcher m = JDBC_URL.matcher(maintenanceUrl);
        if (!m.matches()) throw new IllegalStateException("unexpected JDBC URL " + maintenanceUrl);
        return m.group(1) + database + m.group(3);
    }

    static String databaseName(String url) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) throw new IllegalArgumentException("unexpected JDBC URL " + url);
        return m.group(2);
    }

    @Override
    public void close() throws IOException {
        if (!keep) {
            for (String name : List.copyOf(created)) dropDatabase(urlOf(name));
        }
        if (embedded != null) embedded.close();
    }
}
