package dev.crmmirror.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.OneShot;
import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.sandbox.Fault;
import dev.crmmirror.sandbox.SandboxModule;
import dev.crmmirror.store.SyncRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator acts on: quarantine replay after a mapping fix, schema drift, failure alerts. */
class QuarantineDriftAlertsTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MirrorProperties props;

    @Test
    void aFieldThatAppearsInZohoIsRecordedOnceAndItsValuesGoToCustomFields() {
        SandboxModule deals = sandbox.module("Deals");
        deals.generate(300);
        assertThat(sync("Deals").status()).isEqualTo(SyncRun.Status.OK);
        assertThat(count("SELECT count(*) FROM sync.zoho_fields WHERE module = 'Deals'")).as("the baseline").isPositive();
        assertThat(count("SELECT count(*) FROM sync.schema_drift")).isZero();

        deals.addField("Loyalty_Tier", "picklist");
        List<String> created = deals.create(40);
        dueForADriftCheck();
        SyncRun run = sync("Deals");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(jdbc.queryForList("SELECT field || ' ' || data_type || ' ' || run_id FROM sync.schema_drift", String.class))
                .containsExactly("Loyalty_Tier picklist " + run.id());
        Map<String, Map<String, Object>> live = deals.liveRecords();
        int withValue = 0;
        for (String id : created) {
            Object expected = live.get(id).get("Loyalty_Tier");
            String actual = jdbc.queryForObject("SELECT custom_fields->>'Loyalty_Tier' FROM zoho.deals WHERE id = ?", String.class, id);
            assertThat(actual).as("Loyalty_Tier of %s", id).isEqualTo(expected);
            withValue += expected == null ? 0 : 1;
        }
        assertThat(withValue).isPositive();
        mirror("Deals").equalsSandbox();

        dueForADriftCheck();
        sync("Deals");
        assertThat(count("SELECT count(*) FROM sync.schema_drift")).as("recorded once").isEqualTo(1);
    }

    @Test
    void driftIsRecordedEvenWhenTheSelectListHasNoRoomLeft() {
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(50);
        sync("Leads");
        leads.addField("Loyalty_Tier", "picklist");
        leads.create(5);
        dueForADriftCheck();

        assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.OK);
        assertThat(jdbc.queryForList("SELECT field FROM sync.schema_drift WHERE module = 'Leads'", String.class)).containsExactly("Loyalty_Tier");
        mirror("Leads").equalsSandbox();
    }

    @Test
    void aDriftCheckThatCannotReadTheMetadataDoesNotFailTheRun() {
        sandbox.module("Deals").generate(100);
        // the first call of a module's first run is its metadata check; it fails beyond every retry
        sandbox.faults().failNext(6, Fault.INTERNAL_ERROR);

        SyncRun run = sync("Deals");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(6);
        mirror("Deals").equalsSandbox();
    }

    @Test
    void replayingTheQuarantineLandsWhatNowMapsAndKeepsWhatStillDoesNot() throws Exception {
        SandboxModule deals = sandbox.module("Deals");
        deals.generate(50);
        sync("Deals");
        List<String> ids = new ArrayList<>(deals.liveRecords().keySet());
        String landsNow = ids.get(0);
        String stillBad = ids.get(1);
        String unreplayable = ids.get(2);
        String superseded = ids.get(3);
        String watermarkBefore = jdbc.queryForObject("SELECT modified_time::text FROM sync.watermarks WHERE module = 'Deals'", String.class);
        // as if an older mapping had refused these: quarantined, and not in the mirror
        jdbc.update("DELETE FROM zoho.deals WHERE id IN (?, ?, ?)", landsNow, stillBad, unreplayable);
        quarantine(asCoqlReturnsIt(landsNow, Map.of()), "Amount: an older mapping refused it", true);
        quarantine(asCoqlReturnsIt(stillBad, Map.of("Amount", "lots")), "Amount: expected a number, got text \"lots\"", true);
        quarantine(asCoqlReturnsIt(unreplayable, Map.of("Deal_Name", "nul\\u0000")), "Deal_Name: contains a NUL character", false);
        Map<String, Object> older = asCoqlReturnsIt(superseded, Map.of("Deal_Name", "older version"));
        older.put("Modified_Time", OffsetDateTime.parse((String) older.get("Modified_Time")).minusDays(1).toString());
        quarantine(older, "an older version that failed", true);

        OneShot replay = new OneShot(new MirrorProperties(props.modules(), List.of(), List.of("Deals"), props.mappingsDir(), props.defaults(),
                props.overrides(), props.lockStaleAfter(), props.driftCheckEvery(), props.alerts()), producer);
        replay.run(null);

        assertThat(replay.getExitCode()).isZero();
        assertThat(jdbc.queryForList("SELECT zoho_id FROM sync.quarantine ORDER BY zoho_id", String.class))
                .containsExactlyInAnyOrder(stillBad, unreplayable);
        assertThat(jdbc.queryForObject("SELECT reason FROM sync.quarantine WHERE zoho_id = ?", String.class, stillBad))
                .startsWith("Amount: expected a number");
        assertThat(count("SELECT count(*) FROM zoho.deals WHERE id = ?", landsNow)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT deal_name FROM zoho.deals WHERE id = ?", String.class, superseded))
                .as("the older quarantined version did not overwrite the newer row").isNotEqualTo("older version");
        assertThat(jdbc.queryForMap("SELECT kind, status FROM sync.runs WHERE kind = 'replay'")).containsEntry("status", "ok");
        assertThat(jdbc.queryForObject("SELECT modified_time::text FROM sync.watermarks WHERE module = 'Deals'", String.class))
                .as("a replay moves no watermark").isEqualTo(watermarkBefore);
        assertThat(count("SELECT count(*) FROM sync.checkpoints")).isZero();
    }

    @Test
    void twoFailedRunsInARowPostOneAlertAndARunThatSucceedsPostsTheRecovery() throws Exception {
        sandbox.module("Deals").generate(100);
        sandbox.faults().failNext(1_000, Fault.INTERNAL_ERROR);

        assertThat(sync("Deals").status()).isEqualTo(SyncRun.Status.FAILED);
        assertThat(webhook.messages()).as("one failure is not an incident yet").isEmpty();
        SyncRun second = sync("Deals");
        assertThat(webhook.messages()).hasSize(1);
        SyncRun third = sync("Deals");
        assertThat(webhook.messages()).as("one alert per incident").hasSize(1);

        var alert = JSON.readTree(webhook.messages().get(0));
        assertThat(alert.path("text").asText()).contains("the last 2 syncs of Zoho Deals failed").contains("HTTP 500").contains(second.id().toString());
        assertThat(alert.path("crm_mirror").path("module").asText()).isEqualTo("Deals");
        assertThat(alert.path("crm_mirror").path("failures").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT failures FROM sync.alerts WHERE module = 'Deals'", Integer.class)).isEqualTo(3);
        assertThat(third.status()).isEqualTo(SyncRun.Status.FAILED);

        sandbox.faults().clear();
        assertThat(sync("Deals").status()).isEqualTo(SyncRun.Status.OK);
        assertThat(webhook.messages()).hasSize(2);
        assertThat(JSON.readTree(webhook.messages().get(1)).path("text").asText()).contains("Zoho Deals syncs again").contains("after 3 failed runs");
        assertThat(count("SELECT count(*) FROM sync.alerts")).isZero();
    }

    private void dueForADriftCheck() {
        // the metadata check runs every crm-mirror.drift-check-every (6 h): let that time pass
        jdbc.update("UPDATE sync.watermarks SET fields_checked_at = now() - interval '7 hours'");
    }

    /** The record as COQL returns it: id and the selected fields only. */
    private Map<String, Object> asCoqlReturnsIt(String id, Map<String, Object> changes) {
        Map<String, Object> full = sandbox.module("Deals").liveRecords().get(id);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        mappings.get("Deals").selectFields().forEach(f -> record.put(f, full.get(f)));
        record.putAll(new HashMap<>(changes));
        return record;
    }

    private void quarantine(Map<String, Object> raw, String reason, boolean replayable) throws Exception {
        jdbc.update("INSERT INTO sync.quarantine (module, zoho_id, modified_time, raw, reason, run_id, replayable) "
                        + "VALUES ('Deals', ?, ?::timestamptz, ?::jsonb, ?, ?::uuid, ?)", raw.get("id"), raw.get("Modified_Time"),
                JSON.writeValueAsString(raw), reason, UUID.randomUUID().toString(), replayable);
    }
}
