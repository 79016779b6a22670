package dev.crmmirror.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The demo's embedded PostgreSQL. Kept apart from {@link DemoMode} because the production jar leaves the
 * PostgreSQL binaries out: only the demo profile may touch these classes.
 */
final class DemoDatabase {

    private static final Logger log = LoggerFactory.getLogger(DemoDatabase.class);

    private final EmbeddedPostgres pg;

    private DemoDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static DemoDatabase start(int port) {
        try {
            return new DemoDatabase(EmbeddedPostgres.builder().setPort(port).start());
        } catch (IllegalStateException | NoClassDefFoundError e) {
            throw new IllegalStateException("demo mode needs the embedded PostgreSQL binaries, which target/crm-mirror.jar leaves out; "
                    + "start the demo with ./mvnw spring-boot:run -Dspring-boot.run.profiles=demo", e);
        } catch (IOException e) {
            throw new UncheckedIOException("demo mode could not start the embedded PostgreSQL on port " + port
                    + " (crm-mirror.demo.postgres-port); is another demo using it?", e);
        }
    }

    String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    void close() {
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("the demo's embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
