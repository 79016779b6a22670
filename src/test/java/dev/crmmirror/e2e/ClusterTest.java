package dev.crmmirror.e2e;

import dev.crmmirror.CrmMirrorApplication;
import dev.crmmirror.TestDatabase;
import dev.crmmirror.sandbox.SandboxOptions;
import dev.crmmirror.sandbox.ZohoSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances against one database: the clustered Quartz job store fires each scheduled run on one instance
 * only, and the module lock would stop a second one anyway. Neither shows up as a second run per schedule.
 */
class ClusterTest {

    private static final String SCHEDULER = "crm-mirror-cluster-test";

    @Test
    void twoInstancesRunEachScheduledSyncExactlyOnce() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.migrate();
        db.reset();
        JdbcTemplate jdbc = db.jdbc();
        try (ZohoSandbox sandbox = ZohoSandbox.start(SandboxOptions.defaults())) {
            sandbox.module("Leads").generate(1_000);
            sandbox.startActivity(Duration.ofMillis(500), 2, 5, 1);
            List<ConfigurableApplicationContext> instances = new ArrayList<>();
            try {
                instances.add(start(db, sandbox));
                instances.add(start(db, sandbox));
                Thread.sleep(14_000);
            } finally {
                instances.forEach(ConfigurableApplicationContext::close);
                sandbox.stopActivity();
            }

            List<Map<String, Object>> runs = jdbc.queryForList(
                    "SELECT status, scheduled_at, started_at FROM sync.runs WHERE module = 'Leads' ORDER BY started_at");
            System.out.printf("cluster: %d runs: %s%n", runs.size(), runs);
            assertThat(runs).as("a run every 2 s for about 14 s").hasSizeBetween(4, 9);
            assertThat(runs).extracting(r -> r.get("status")).as("no firing was doubled (a double would be skipped)").containsOnly("ok");
            assertThat(runs).extracting(r -> r.get("scheduled_at")).as("one run per scheduled firing").doesNotContainNull().doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT instance_name) FROM quartz.qrtz_scheduler_state WHERE sched_name = ?",
                    Integer.class, SCHEDULER)).as("both instances joined the cluster").isEqualTo(2);
        } finally {
            for (String table : List.of("fired_triggers", "cron_triggers", "simple_triggers", "triggers", "job_details", "scheduler_state", "locks")) {
                jdbc.update("DELETE FROM quartz.qrtz_" + table + " WHERE sched_name = ?", SCHEDULER);
            }
            db.reset();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, ZohoSandbox sandbox) {
        SpringApplication app = new SpringApplication(CrmMirrorApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--zoho.accounts-url=" + sandbox.baseUrl(), "--zoho.api-url=" + sandbox.baseUrl(),
                "--zoho.client-id=" + sandbox.credentials().clientId(), "--zoho.client-secret=" + sandbox.credentials().clientSecret(),
                "--zoho.refresh-token=" + sandbox.credentials().refreshToken(),
                "--crm-mirror.modules=Leads", "--crm-mirror.defaults.cron=0/2 * * * * ?",
                // its own cluster, apart from the other tests' scheduler in the same database
                "--spring.quartz.scheduler-name=" + SCHEDULER,
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                "--camel.main.jmx-enabled=false", "--spring.jmx.enabled=false");
    }
}
