package dev.crmmirror.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import java.sql.SQLException;

/**
 * Start-up failed because PostgreSQL could not be reached or refused the login: say which database, from
 * which setting, and what to check, instead of a Flyway or Hikari stack trace.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        // 08: connection exceptions; 28: invalid authorization; 3D000: no such database
        if (!(state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(not set)");
        String user = environment.getProperty("spring.datasource.username", "(not set)");
        return new FailureAnalysis("crm-mirror cannot use the PostgreSQL database at " + url + " (SPRING_DATASOURCE_URL) as user " + user
                + " (SPRING_DATASOURCE_USERNAME): " + cause.getMessage(),
                "Check that PostgreSQL is running and reachable from here, that the database exists, and that SPRING_DATASOURCE_USERNAME / "
                        + "SPRING_DATASOURCE_PASSWORD are right. crm-mirror creates its schemas itself but not the database.", cause);
    }
}
