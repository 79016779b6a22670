package dev.crmmirror;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL the tests use: an embedded PostgreSQL binary started once per test JVM, or the server
 * named by SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME / _PASSWORD) when that is set.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;
    private final HikariDataSource dataSource;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        this.dataSource = new HikariDataSource(config);
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String external = System.getenv("SPRING_DATASOURCE_URL");
            if (external != null && !external.isBlank()) {
                instance = new TestDatabase(external, System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the JVM is going away anyway
                        }
                    }));
                    instance = new TestDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Bookkeeping schema as the application's Flyway creates it. */
    public void migrate() {
        Flyway.configure().dataSource(dataSource).schemas("sync").load().migrate();
    }

    /** Empties what a test can leave behind: the mirror, the bookkeeping, the Quartz schedules. */
    public void reset() {
        JdbcTemplate jdbc = jdbc();
        jdbc.execute("DROP SCHEMA IF EXISTS zoho CASCADE");
        String tables = jdbc.queryForObject("SELECT string_agg('sync.' || quote_ident(tablename), ', ') FROM pg_tables "
                + "WHERE schemaname = 'sync' AND tablename <> 'flyway_schema_history'", String.class);
        jdbc.execute("TRUNCATE " + tables);
    }
}
