package dev.crmmirror.e2e;

import dev.crmmirror.OneShot;
import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.sandbox.Fault;
import dev.crmmirror.sandbox.SandboxModule;
import dev.crmmirror.store.SyncRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The core promise: the mirror becomes and stays an exact, typed copy of Zoho, within the API's limits. */
class MirrorSyncTest extends EndToEndTest {

    @Autowired
    private MirrorProperties props;

    @Test
    void aBackfillOfTwentyThousandRecordsWithABurstConvergesInAsFewCallsAsPagesAllow() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(20_000);
        // a bulk import larger than a page: 2,500 records with one Modified_Time
        leads.generateBurst(2_500, Instant.now().minus(Duration.ofDays(3)));
        sandbox.module("Deals").generate(20_000);

        SyncRun leadsRun = sync("Leads");
        SyncRun dealsRun = sync("Deals");

        assertThat(leadsRun.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(dealsRun.status()).isEqualTo(SyncRun.Status.OK);
        mirror("Leads").equalsSandbox();
        mirror("Deals").equalsSandbox();
        assertThat(count("SELECT count(*) FROM zoho.leads")).isEqualTo(22_500);
        // ceil(22,500 / 2,000) pages at 3 credits each, plus the deleted-records check and the first field-metadata check
        assertThat(sandbox.stats().coqlCalls("Leads")).isEqualTo(12);
        assertThat(sandbox.stats().coqlCalls("Deals")).isEqualTo(10);
        assertThat(leadsRun.apiCalls()).isEqualTo(14);
        assertThat(leadsRun.apiCredits()).isEqualTo(12 * 3 + 2);
        assertThat(jdbc.queryForMap("SELECT status, records_read, records_written, records_quarantined, api_calls, api_credits, watermark IS NOT NULL AS w "
                + "FROM sync.runs WHERE id = ?::uuid", leadsRun.id().toString()))
                .containsEntry("status", "ok").containsEntry("records_read", 22_500L).containsEntry("records_written", 22_500L)
                .containsEntry("records_quarantined", 0L).containsEntry("api_calls", 14).containsEntry("api_credits", 38).containsEntry("w", true);
    }

    @Test
    void anIncrementalRunFollowsEditsCreatesAndDeletes() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(3_000);
        assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.OK);

        leads.deleteRandom(20);
        leads.editRandom(50);
        leads.create(30);
        sandbox.stats().reset();
        SyncRun run = sync("Leads");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        mirror("Leads").equalsSandbox();
        assertThat(run.read()).isGreaterThanOrEqualTo(80).isLessThan(3_000);
        assertThat(run.deleted()).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM zoho.leads WHERE deleted_at IS NOT NULL")).isEqualTo(20);
        // the changes fit the first, cheap page: 1 credit, plus the deleted-records check
        assertThat(sandbox.stats().coqlCalls("Leads")).isEqualTo(1);
        assertThat(run.apiCredits()).isEqualTo(2);
    }

    @Test
    void aRunWithNothingChangedWritesNoDuplicatesAndCostsTwoCalls() {
        sandbox.module("Deals").generate(3_000);
        sync("Deals");
        sandbox.stats().reset();

        SyncRun again = sync("Deals");

        assertThat(again.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(count("SELECT count(*) FROM zoho.deals")).isEqualTo(3_000);
        mirror("Deals").equalsSandbox();
        assertThat(sandbox.stats().coqlCalls("Deals")).isEqualTo(1);
        assertThat(sandbox.stats().deletedCalls()).isEqualTo(1);
        assertThat(again.apiCalls()).isEqualTo(2);
    }

    @Test
    void anOlderVersionServedLaterNeverOverwritesTheNewerRow() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(200);
        sync("Leads");
        Map<String, Object> newest = leads.liveRecords().values().stream()
                .max(Comparator.comparing(r -> OffsetDateTime.parse((String) r.get("Modified_Time")).toInstant())).orElseThrow();
        String id = (String) newest.get("id");
        String newerName = (String) newest.get("Last_Name");

        // Zoho serves a stale copy of it (inside the overlap window), as a lagging replica would
        Map<String, Object> older = new HashMap<>(newest);
        older.put("Last_Name", "Stale Version");
        older.put("Modified_Time", OffsetDateTime.parse((String) newest.get("Modified_Time")).minusSeconds(30).toString());
        leads.put(older);
        SyncRun run = sync("Leads");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(run.read()).as("the stale copy was served").isPositive();
        assertThat(jdbc.queryForObject("SELECT last_name FROM zoho.leads WHERE id = ?", String.class, id)).isEqualTo(newerName.strip());
    }

    @Test
    void badRecordsAreQuarantinedWithTheirReasonWhileTheRestLand() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(500);
        sync("Leads");
        // an incremental page carrying records of every bad kind
        String now = OffsetDateTime.now().withNano(0).toString();
        leads.put(Map.of("id", "9000000000000000001", "Modified_Time", now, "Last_Name", "Wrong", "Annual_Revenue", "lots"));
        leads.put(Map.of("Modified_Time", now, "Last_Name", "Without id"));
        leads.put(Map.of("id", "9000000000000000003", "Modified_Time", now, "Last_Name", "Nul\u0000Byte"));
        leads.put(Map.of("id", "9000000000000000004", "Modified_Time", now, "Description", "x".repeat(32_001)));

        SyncRun run = sync("Leads");

        assertThat(run.status()).as("quarantined records do not fail a run").isEqualTo(SyncRun.Status.OK);
        assertThat(run.quarantined()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM zoho.leads")).isEqualTo(500);
        assertThat(jdbc.queryForList("SELECT coalesce(zoho_id, '-') || ' ' || reason FROM sync.quarantine ORDER BY zoho_id NULLS FIRST", String.class))
                .satisfiesExactly(
                        r -> assertThat(r).isEqualTo("- id is missing"),
                        r -> assertThat(r).startsWith("9000000000000000001 Annual_Revenue: expected a number, got text \"lots\""),
                        r -> assertThat(r).startsWith("9000000000000000003 Last_Name: contains a NUL character"),
                        r -> assertThat(r).startsWith("9000000000000000004 Description: value is 32001 characters long"));
        assertThat(count("SELECT count(*) FROM sync.quarantine WHERE raw->>'Last_Name' = 'Without id'")).isEqualTo(1);
    }

    @Test
    void theLockKeepsASecondConcurrentRunOfTheSameModuleOut() throws Exception {
        sandbox.module("Deals").generate(3_000);
        sandbox.faults().latency(Duration.ofMillis(400));

        CompletableFuture<SyncRun> first = CompletableFuture.supplyAsync(() -> sync("Deals"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count("SELECT count(*) FROM sync.locks WHERE module = 'Deals'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        SyncRun second = sync("Deals");
        SyncRun firstRun = first.get(60, TimeUnit.SECONDS);

        assertThat(second.status()).isEqualTo(SyncRun.Status.SKIPPED);
        assertThat(second.error()).contains(firstRun.id().toString());
        assertThat(firstRun.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(jdbc.queryForList("SELECT status FROM sync.runs WHERE module = 'Deals' ORDER BY status", String.class))
                .containsExactly("ok", "skipped");
        mirror("Deals").equalsSandbox();
    }

    @Test
    void runOnceExitsZeroOnlyWhenEveryRunEndedOk() {
        sandbox.module("Leads").generate(300);
        sandbox.module("Deals").generate(300);
        MirrorProperties once = new MirrorProperties(props.modules(), List.of("Leads", "Deals"), List.of(), props.mappingsDir(),
                props.defaults(), props.overrides(), props.lockStaleAfter(), props.driftCheckEvery(), props.alerts());

        OneShot ok = new OneShot(once, producer);
        ok.run(null);
        assertThat(ok.getExitCode()).isZero();
        mirror("Leads").equalsSandbox();
        mirror("Deals").equalsSandbox();

        sandbox.faults().failNext(100, Fault.INTERNAL_ERROR);
        OneShot failing = new OneShot(once, producer);
        failing.run(null);
        assertThat(failing.getExitCode()).isEqualTo(1);
    }
}
