package dev.crmmirror.e2e;

import dev.crmmirror.CrmMirrorApplication;
import dev.crmmirror.TestDatabase;
import dev.crmmirror.config.ModuleMappings;
import dev.crmmirror.routes.ModuleRoutes;
import dev.crmmirror.sandbox.SandboxOptions;
import dev.crmmirror.sandbox.ZohoSandbox;
import dev.crmmirror.store.MirrorSchema;
import dev.crmmirror.store.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The whole application, its real routes, a real PostgreSQL and the Zoho sandbox. Schedules are set far in
 * the future: tests run syncs themselves through the same endpoint the schedule and run-once mode use.
 * One sandbox and one application context serve all end-to-end tests; each test starts from empty.
 */
@CamelSpringBootTest
@DisableJmx(false)
@AutoConfigureObservability
@SpringBootTest(classes = CrmMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTest {

    protected static final String CONSOLE_USER = "operator";
    protected static final String CONSOLE_PASSWORD = "a-test-password";

    protected static final TestDatabase db = TestDatabase.get();
    protected static final ZohoSandbox sandbox = startSandbox();
    protected static final WebhookReceiver webhook = new WebhookReceiver();

    @Autowired
    protected ProducerTemplate producer;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private MirrorSchema schema;
    @Autowired
    protected ModuleMappings mappings;

    private static ZohoSandbox startSandbox() {
        try {
            // the chaos tests revoke tokens often; the token broker's own limit is tested on its own
            return ZohoSandbox.start(SandboxOptions.defaults().withTokenRefreshLimit(1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("zoho.accounts-url", sandbox::baseUrl);
        registry.add("zoho.api-url", sandbox::baseUrl);
        registry.add("zoho.client-id", () -> sandbox.credentials().clientId());
        registry.add("zoho.client-secret", () -> sandbox.credentials().clientSecret());
        registry.add("zoho.refresh-token", () -> sandbox.credentials().refreshToken());
        registry.add("crm-mirror.defaults.cron", () -> "0 0 0 1 1 ? 2099");
        // keep retries quick: 50, 100, 200 ms
        registry.add("crm-mirror.retry.initial-delay", () -> "50");
        registry.add("crm-mirror.retry.max-delay", () -> "400");
        registry.add("zoho.read-timeout", () -> "2s");
        registry.add("zoho.max-token-refreshes", () -> "1000");
        registry.add("crm-mirror.lock-stale-after", () -> "10s");
        registry.add("crm-mirror.alerts.webhook-url", webhook::url);
        registry.add("spring.security.user.name", () -> CONSOLE_USER);
        registry.add("spring.security.user.password", () -> CONSOLE_PASSWORD);
    }

    @BeforeEach
    void startFromEmpty() {
        sandbox.reset();
        webhook.clear();
        db.reset();
        schema.afterPropertiesSet();
    }

    /** Runs one sync of {@code module} through its route, as the schedule does, and returns how it ended. */
    protected SyncRun sync(String module) {
        Exchange done = producer.send(ModuleRoutes.syncEndpoint(module), exchange -> { });
        SyncRun run = done.getProperty("syncRun", SyncRun.class);
        if (run == null) {
            throw new AssertionError("the sync of " + module + " ended without a run: " + done.getException());
        }
        return run;
    }

    protected MirrorAssertions mirror(String module) {
        return new MirrorAssertions(jdbc, mappings.get(module), sandbox.module(module));
    }

    protected long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    protected static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
