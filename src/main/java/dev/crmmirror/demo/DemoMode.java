package dev.crmmirror.demo;

import dev.crmmirror.sandbox.Credentials;
import dev.crmmirror.sandbox.SandboxOptions;
import dev.crmmirror.sandbox.ZohoSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code demo} profile: before the application starts, start an embedded PostgreSQL and the Zoho sandbox
 * (with generated Leads and Deals that keep changing), and point crm-mirror at them. Nothing to install.
 */
public class DemoMode implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        int pgPort = env.getProperty("crm-mirror.demo.postgres-port", Integer.class, 54329);
        DemoDatabase pg = DemoDatabase.start(pgPort);
        ZohoSandbox sandbox;
        try {
            sandbox = ZohoSandbox.start(SandboxOptions.defaults().withPort(env.getProperty("crm-mirror.demo.sandbox-port", Integer.class, 0)));
        } catch (IOException e) {
            throw new UncheckedIOException("demo mode could not start the Zoho sandbox (crm-mirror.demo.sandbox-port)", e);
        }
        sandbox.module("Leads").generate(env.getProperty("crm-mirror.demo.leads", Integer.class, 5000));
        // a bulk import: thousands of records with one Modified_Time, which naive paging loses
        sandbox.module("Leads").generateBurst(env.getProperty("crm-mirror.demo.burst", Integer.class, 2500), Instant.now().minusSeconds(3600));
        sandbox.module("Deals").generate(env.getProperty("crm-mirror.demo.deals", Integer.class, 2000));
        sandbox.startActivity(Duration.ofSeconds(5), 2, 5, 1);

        Credentials credentials = sandbox.credentials();
        String jdbcUrl = pg.jdbcUrl();
        String user = env.getProperty("spring.security.user.name", "admin");
        // a throw-away console password for this demo, shown in the banner (set SPRING_SECURITY_USER_PASSWORD to choose one)
        String password = env.getProperty("spring.security.user.password", java.util.UUID.randomUUID().toString().substring(0, 12));
        String port = env.getProperty("server.port", "8080");
        env.getPropertySources().addFirst(new MapPropertySource("crm-mirror-demo", Map.of(
                "spring.security.user.password", password,
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "zoho.accounts-url", sandbox.baseUrl(),
                "zoho.api-url", sandbox.baseUrl(),
                "zoho.client-id", credentials.clientId(),
                "zoho.client-secret", credentials.clientSecret(),
                "zoho.refresh-token", credentials.refreshToken())));

        context.addApplicationListener(event -> {
            if (event instanceof ApplicationReadyEvent) {
                log.info("""

                        ================================================================================
                         crm-mirror demo: the Zoho sandbox at {} (with Leads and Deals that keep
                         changing every 5 s) is mirrored into an embedded PostgreSQL every 10 s.
                         Watch the mirror fill and follow edits:
                           psql -h localhost -p {} -U postgres postgres     (no password)
                           select count(*), count(deleted_at), max(modified_time) from zoho.leads;
                           select module, status, records_written, api_calls, ended_at from sync.runs order by started_at desc limit 5;
                         JDBC URL: {}
                         Runs at a glance: http://localhost:{}/runs   console (hawtio): http://localhost:{}/actuator/hawtio
                         login: {} / {}
                        ================================================================================""",
                        sandbox.baseUrl(), pgPort, jdbcUrl, port, port, user, password);
            } else if (event instanceof ContextClosedEvent) {
                sandbox.close();
                pg.close();
            }
        });
    }
}
