package dev.crmmirror.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.crmmirror.sandbox.Fault;
import dev.crmmirror.sandbox.TokenFault;
import dev.crmmirror.store.SyncRun;
import dev.crmmirror.zoho.TokenBroker;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client secret, the refresh token and access tokens never show up in a log line (at DEBUG, errors
 * included) or in a table, whatever happens to the run.
 */
@TestPropertySource(properties = {"logging.level.dev.crmmirror=DEBUG", "logging.level.org.apache.camel=DEBUG",
        "logging.level.org.springframework.security=DEBUG"})
class SecretsTest extends EndToEndTest {

    @Autowired
    private TokenBroker tokens;

    @Test
    void secretsAppearInNoLogLineAndNoTable() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        List<String> secrets = new ArrayList<>(List.of(sandbox.credentials().clientSecret(), sandbox.credentials().refreshToken()));
        try {
            sandbox.module("Leads").generate(2_500);
            sandbox.module("Leads").put(java.util.Map.of("id", "9000000000000000001", "Modified_Time", "2024-06-05T10:00:00Z",
                    "Annual_Revenue", "not a number"));
            secrets.add(tokens.accessToken());
            sandbox.revokeAccessTokens();
            assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.OK);
            secrets.add(tokens.accessToken());
            sandbox.faults().failNext(1, Fault.INVALID_TOKEN);
            assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.OK);
            secrets.add(tokens.accessToken());

            // a run that fails on OAuth, and one whose Zoho calls keep failing
            sandbox.revokeAccessTokens();
            sandbox.faults().failNextToken(20, TokenFault.INVALID_CLIENT);
            assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.FAILED);
            sandbox.faults().clear();
            sandbox.faults().failNext(100, Fault.TRUNCATED_JSON);
            assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.FAILED);
            secrets.add(tokens.accessToken());
        } finally {
            root.detachAppender(log);
        }

        assertThat(log.list).as("DEBUG logging was on").hasSizeGreaterThan(50);
        assertThat(secrets).doesNotContainNull().allSatisfy(s -> assertThat(s).hasSizeGreaterThan(20));
        for (ILoggingEvent event : log.list) {
            String everything = render(event);
            for (String secret : secrets) {
                assertThat(everything).as("a log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
        String tables = jdbc.queryForObject("""
                SELECT concat_ws(' ', (SELECT string_agg(coalesce(error, ''), ' ') FROM sync.runs),
                                      (SELECT string_agg(error || coalesce(payload::text, ''), ' ') FROM sync.dead_letters),
                                      (SELECT string_agg(reason || raw::text, ' ') FROM sync.quarantine))""", String.class);
        assertThat(tables).contains("invalid_client").contains("not a number");
        secrets.forEach(secret -> assertThat(tables).doesNotContain(secret));
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
        if (e.getArgumentArray() != null) {
            sb.append(Arrays.deepToString(e.getArgumentArray()));
        }
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append(' ').append(frame.getSTEAsString());
            }
        }
        return sb.toString();
    }
}
