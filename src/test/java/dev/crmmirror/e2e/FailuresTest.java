package dev.crmmirror.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.sandbox.Fault;
import dev.crmmirror.sandbox.SandboxModule;
import dev.crmmirror.sandbox.TokenFault;
import dev.crmmirror.store.SyncRun;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing lost, nothing stale: API faults, dead letters, crashes, chaos. */
class FailuresTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transientFaultsAreRetriedAndTheRunEndsOk() {
        sandbox.module("Leads").generate(5_000);
        // five failures in a row on one call: the fifth retry gets through
        for (Fault f : List.of(Fault.TOO_MANY_REQUESTS, Fault.INTERNAL_ERROR, Fault.DROP_CONNECTION, Fault.TRUNCATED_JSON, Fault.HTML_200)) {
            sandbox.faults().failNext(1, f);
        }

        SyncRun run = sync("Leads");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(5);
        mirror("Leads").equalsSandbox();
        assertThat(count("SELECT count(*) FROM sync.dead_letters")).isZero();
    }

    @Test
    void aCallThatHangsIsCutByTheReadTimeoutAndRetried() {
        sandbox.module("Deals").generate(100);
        sandbox.faults().failNext(1, Fault.SLOW_RESPONSE);

        SyncRun run = sync("Deals");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        mirror("Deals").equalsSandbox();
    }

    @Test
    void aTokenRevokedMidRunIsRefreshedOnceAndTheRunGoesOn() {
        sandbox.module("Leads").generate(3_000);
        sandbox.revokeAccessTokens();
        sandbox.faults().failNextToken(1, TokenFault.INTERNAL_ERROR);
        long refreshesBefore = sandbox.stats().tokenRefreshes();

        SyncRun run = sync("Leads");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        // one refresh answered 500 and was retried: two requests, one token
        assertThat(sandbox.stats().tokenRefreshes() - refreshesBefore).isEqualTo(2);
        mirror("Leads").equalsSandbox();
    }

    @Test
    void aPageThatKeepsFailingIsDeadLetteredTheRunFailsAndTheNextRunResumesFromItsCheckpoint() throws Exception {
        sandbox.module("Leads").generate(10_000);
        sandbox.faults().latency(Duration.ofMillis(150));
        Thread armer = new Thread(() -> {
            await(() -> count("SELECT count(*) FROM sync.checkpoints") > 0, 30);
            // from now on Zoho answers with an HTML maintenance page, beyond every retry
            sandbox.faults().failNext(1_000, Fault.HTML_200);
        });
        armer.start();

        SyncRun failed = sync("Leads");
        armer.join();

        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(failed.error()).contains("COQL page").contains("text/html").contains("instead of JSON")
                .contains("outlasted every retry").contains("the next run resumes from the last checkpoint");
        Map<String, Object> letter = jdbc.queryForMap("SELECT run_id::text AS run, module, step, error, payload::text AS payload FROM sync.dead_letters");
        assertThat(letter).containsEntry("run", failed.id().toString()).containsEntry("module", "Leads").containsEntry("step", "coql-pages");
        assertThat(JSON.readTree((String) letter.get("payload")).path("request").asText()).startsWith("select ").contains("from Leads");
        assertThat(count("SELECT count(*) FROM sync.watermarks WHERE modified_time IS NOT NULL")).as("a failed run moves no watermark").isZero();
        long written = count("SELECT count(*) FROM zoho.leads");
        assertThat(written).isPositive().isLessThan(10_000);

        sandbox.faults().clear();
        SyncRun resumed = sync("Leads");

        assertThat(resumed.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(resumed.resumeFrom()).isNotNull();
        assertThat(resumed.read()).as("resumed, not started over").isEqualTo(10_000 - written);
        mirror("Leads").equalsSandbox();
        assertThat(count("SELECT count(*) FROM sync.checkpoints")).isZero();
    }

    @Test
    void aPageTheDatabaseRefusesIsDeadLetteredWithItsRecords() throws Exception {
        sandbox.module("Deals").generate(2_500);
        jdbc.execute("ALTER TABLE zoho.deals RENAME TO deals_away");

        SyncRun failed = sync("Deals");

        assertThat(failed.status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(failed.error()).contains("zoho.deals").contains("does not exist");
        Map<String, Object> letter = jdbc.queryForMap("SELECT step, payload::text AS payload FROM sync.dead_letters");
        assertThat(letter.get("step")).isEqualTo("upsert-rows");
        JsonNode payload = JSON.readTree((String) letter.get("payload"));
        assertThat(payload.path("records")).hasSize(2_000);
        assertThat(payload.path("records").get(0).path("id").asText()).isNotEmpty();

        jdbc.execute("ALTER TABLE zoho.deals_away RENAME TO deals");
        assertThat(sync("Deals").status()).isEqualTo(SyncRun.Status.OK);
        mirror("Deals").equalsSandbox();
    }

    @Test
    void underChaosTheMirrorConvergesToAnExactCopy() throws Exception {
        SandboxModule leads = sandbox.module("Leads");
        SandboxModule deals = sandbox.module("Deals");
        leads.generate(8_000);
        leads.generateBurst(2_200, java.time.Instant.now().minus(Duration.ofDays(1)));
        deals.generate(6_000);
        sandbox.faults().latency(Duration.ofMillis(20));
        sandbox.faults().chaos(0.4, 7, Fault.TOO_MANY_REQUESTS, Fault.INTERNAL_ERROR, Fault.SERVICE_UNAVAILABLE, Fault.DROP_CONNECTION,
                Fault.HTML_200, Fault.TRUNCATED_JSON, Fault.INVALID_TOKEN);
        // users keep editing, creating and deleting while the syncs run
        sandbox.startActivity(Duration.ofMillis(100), 4, 8, 2);
        // and an outage longer than every retry cuts the Leads backfill in the middle
        Thread outage = new Thread(() -> {
            await(() -> count("SELECT count(*) FROM sync.checkpoints") > 0, 30);
            sandbox.faults().failNext(8, Fault.INTERNAL_ERROR);
        });
        outage.start();

        List<SyncRun.Status> statuses = new ArrayList<>();
        for (int round = 1; round <= 12; round++) {
            if (round % 4 == 0) {
                sandbox.revokeAccessTokens();
            }
            statuses.add(sync("Leads").status());
            statuses.add(sync("Deals").status());
        }
        outage.join();
        sandbox.stopActivity();
        Map<Fault, Long> injected = sandbox.stats().faultsByKind();
        long total = injected.values().stream().mapToLong(Long::longValue).sum();
        sandbox.faults().clear();
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean leadsOk = sync("Leads").status() == SyncRun.Status.OK;
            boolean dealsOk = sync("Deals").status() == SyncRun.Status.OK;
            if (leadsOk && dealsOk) {
                break;
            }
        }

        System.out.printf("chaos: %d faults injected %s; %d runs during chaos: %d ok, %d failed%n", total, injected, statuses.size(),
                statuses.stream().filter(st -> st == SyncRun.Status.OK).count(), statuses.stream().filter(st -> st == SyncRun.Status.FAILED).count());
        assertThat(total).isGreaterThan(40);
        assertThat(injected).containsKeys(Fault.TOO_MANY_REQUESTS, Fault.INTERNAL_ERROR, Fault.DROP_CONNECTION, Fault.TRUNCATED_JSON,
                Fault.HTML_200, Fault.INVALID_TOKEN);
        assertThat(statuses).as("the outage failed a run, which a later run resumed").contains(SyncRun.Status.FAILED);
        mirror("Leads").equalsSandbox();
        mirror("Deals").equalsSandbox();
        assertThat(count("SELECT count(*) FROM zoho.leads WHERE deleted_at IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM sync.quarantine")).isZero();
    }

    @Test
    void aProcessKilledInTheMiddleOfABackfillIsResumedFromItsCheckpoint() throws Exception {
        sandbox.module("Leads").generate(20_000);
        sandbox.faults().latency(Duration.ofMillis(100));
        File log = new File("target/crash-test-child.log");
        Process child = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "dev.crmmirror.CrmMirrorApplication", "--crm-mirror.run-once=Leads",
                "--crm-mirror.defaults.page-size=500", "--crm-mirror.defaults.batch-size=250",
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--zoho.accounts-url=" + sandbox.baseUrl(),
                "--zoho.api-url=" + sandbox.baseUrl(), "--zoho.client-id=" + sandbox.credentials().clientId(),
                "--zoho.client-secret=" + sandbox.credentials().clientSecret(),
                "--zoho.refresh-token=" + sandbox.credentials().refreshToken()))
                .redirectErrorStream(true).redirectOutput(log).start();
        try {
            assertThat(awaitTrue(() -> count("SELECT count(*) FROM zoho.leads") >= 3_000, 90))
                    .as("the child process wrote a part of the backfill (see %s)", log).isTrue();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        sandbox.faults().latency(Duration.ZERO);
        long writtenBeforeKill = count("SELECT count(*) FROM zoho.leads");
        assertThat(writtenBeforeKill).isLessThan(20_000);

        // the dead process still holds the lock until it goes stale (crm-mirror.lock-stale-after = 10 s here)
        SyncRun resumed = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; Thread.sleep(1_000)) {
            resumed = sync("Leads");
            if (!resumed.isSkipped()) {
                break;
            }
        }

        assertThat(resumed.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(resumed.resumeFrom()).isNotNull();
        assertThat(resumed.read()).as("resumed from the checkpoint, not from scratch").isLessThanOrEqualTo(20_000 - writtenBeforeKill + 250);
        mirror("Leads").equalsSandbox();
        assertThat(jdbc.queryForList("SELECT status || ': ' || coalesce(error, '') FROM sync.runs WHERE module = 'Leads' AND status <> 'skipped' ORDER BY started_at",
                String.class)).satisfiesExactly(
                        killed -> assertThat(killed).startsWith("failed: abandoned: its process"),
                        ok -> assertThat(ok).startsWith("ok"));
    }

    private static boolean awaitTrue(BooleanSupplier condition, int seconds) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < deadline; Thread.sleep(50)) {
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        return condition.getAsBoolean();
    }

    private static void await(BooleanSupplier condition, int seconds) {
        try {
            awaitTrue(condition, seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
