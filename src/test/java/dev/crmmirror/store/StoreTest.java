package dev.crmmirror.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmmirror.TestDatabase;
import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.config.ModuleMappings;
import dev.crmmirror.config.SyncSettings;
import dev.crmmirror.mapping.MappedPage;
import dev.crmmirror.mapping.MappedRecord;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.mapping.RecordMapper;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.DeletedPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer and the ledger against a real PostgreSQL, without Camel. */
class StoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestDatabase db = TestDatabase.get();

    private final JdbcTemplate jdbc = db.jdbc();
    private final MirrorProperties props = new MirrorProperties(List.of("Deals"), List.of(), List.of(), Path.of("config/modules"),
            new SyncSettings("0 0/5 * * * ?", Duration.ofSeconds(60), 2000, 3), Map.of(), Duration.ofSeconds(30), Duration.ofHours(6),
            new MirrorProperties.Alerts("", 2));
    private final ModuleMappings mappings = new ModuleMappings(props);
    private final ModuleMapping deals = mappings.get("Deals");
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    private final RunLedger ledger = new RunLedger(jdbc, tx, mappings, props, Clock.systemUTC(),
            new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(RunObserver.class));
    private final UpsertWriter writer = new UpsertWriter(db.dataSource());
    private final RecordMapper mapper = new RecordMapper();

    @BeforeEach
    void cleanDatabase() {
        db.migrate();
        db.reset();
        new MirrorSchema(jdbc, tx, mappings).afterPropertiesSet();
    }

    @Test
    void nastyValuesSurviveTheCopyRoundTrip() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        String text = "tab\there\nnew line \\ back\\slash \"quoted\" 'single' 山田 Zoë 😀 {braces} \\N";
        write(run, page(deal("1001", "2024-06-05T02:04:09+05:30", Map.of(
                "Deal_Name", text,
                "Amount", new BigDecimal("1234.10"),
                "Probability", 75,
                "Closing_Date", "2024-08-16",
                "Tag", List.of(Map.of("name", "a,b", "id", "1"), Map.of("name", "quote\"d {x} back\\slash", "id", "2"), Map.of("name", "NULL", "id", "3")),
                "Account_Name", Map.of("name", "Zylker \"Intl\"", "id", "4150868000000225013"),
                "Unmapped_Field", Map.of("nested", List.of("x\ty", 1))))));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM zoho.deals WHERE id = '1001'");
        assertThat(row.get("deal_name")).isEqualTo(text);
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("1234.10");
        assertThat(row.get("probability")).isEqualTo(75);
        assertThat(row.get("closing_date").toString()).isEqualTo("2024-08-16");
        assertThat((String[]) ((Array) row.get("tag")).getArray()).containsExactly("a,b", "quote\"d {x} back\\slash", "NULL");
        assertThat(row.get("account_id")).isEqualTo("4150868000000225013");
        assertThat(row.get("account_name")).isEqualTo("Zylker \"Intl\"");
        assertThat(JSON.readTree(row.get("custom_fields").toString())).isEqualTo(JSON.readTree("{\"Unmapped_Field\":{\"nested\":[\"x\\ty\",1]}}"));
        assertThat(jdbc.queryForObject("SELECT modified_time = '2024-06-04T20:34:09Z' FROM zoho.deals", Boolean.class)).isTrue();
        assertThat(row.get("run_id").toString()).isEqualTo(run.id().toString());
        assertThat(row.get("synced_at")).isNotNull();
        assertThat(run.written()).isEqualTo(1);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOneAndASameSecondEditLands() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        write(run, page(deal("1", "2024-06-05T10:00:00Z", Map.of("Deal_Name", "newer"))));
        write(run, page(deal("1", "2024-06-05T09:59:59Z", Map.of("Deal_Name", "older replay"))));
        assertThat(jdbc.queryForObject("SELECT deal_name FROM zoho.deals WHERE id = '1'", String.class)).isEqualTo("newer");

        write(run, page(deal("1", "2024-06-05T12:00:00+02:00", Map.of("Deal_Name", "second edit, same second"))));
        assertThat(jdbc.queryForObject("SELECT deal_name FROM zoho.deals WHERE id = '1'", String.class)).isEqualTo("second edit, same second");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zoho.deals", Long.class)).isEqualTo(1);
        assertThat(run.written()).as("the stale replay wrote nothing").isEqualTo(2);

        write(run, page(deal("1", "2024-06-05T10:00:00Z", Map.of("Deal_Name", "second edit, same second"))));
        assertThat(run.written()).as("re-reading an unchanged version (the overlap window) writes nothing").isEqualTo(2);
    }

    @Test
    @Timeout(60)
    void aBackfillsBatchesInFlightTogetherNeverWaitForEachOtherOverARecordBothHold() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        // pages written back to back, each batch committing while the next streams; 1 and 2 edited meanwhile: the
        // second page finds 1 already in the mirror and is upserted instead, while the third one holds 2 too
        writeOnly(run, page(deal("1", "2024-06-05T10:00:00Z", Map.of("Deal_Name", "old"))));
        writeOnly(run, page(deal("1", "2024-06-05T10:00:01Z", Map.of("Deal_Name", "new")), deal("2", "2024-06-05T10:00:02Z", Map.of("Deal_Name", "old"))));
        writeOnly(run, page(deal("3", "2024-06-05T10:00:03Z", Map.of()), deal("2", "2024-06-05T10:00:04Z", Map.of("Deal_Name", "new"))));
        writer.finish(run);
        ledger.close(run);

        assertThat(jdbc.queryForList("SELECT id || ' ' || coalesce(deal_name, '-') FROM zoho.deals ORDER BY id", String.class))
                .containsExactly("1 new", "2 new", "3 -");
        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(jdbc.queryForObject("SELECT records_written FROM sync.runs WHERE id = ?::uuid", Long.class, run.id().toString())).isEqualTo(5);
    }

    @Test
    void aBackfillBatchThatFailsWhileCommittingFailsTheRunWithoutItsRows() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        jdbc.execute("ALTER TABLE sync.checkpoints RENAME TO checkpoints_away");
        try {
            writeOnly(run, page(deal("1", "2024-06-05T10:00:00Z", Map.of())));
            assertThatThrownBy(() -> writeOnly(run, page(deal("2", "2024-06-05T10:00:01Z", Map.of()))))
                    .as("the failure of the batch committing comes back to the next write").hasMessageContaining("sync.checkpoints");
            writeOnly(run, page(deal("3", "2024-06-05T10:00:02Z", Map.of())));
            assertThatThrownBy(() -> writer.finish(run)).as("and to the run's end").hasMessageContaining("sync.checkpoints");
        } finally {
            jdbc.execute("ALTER TABLE sync.checkpoints_away RENAME TO checkpoints");
        }
        ledger.fail(run, new IllegalStateException("the writes failed"));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM zoho.deals", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync.locks", Long.class)).as("lock released").isZero();
        assertThat(run.written()).isZero();
    }

    @Test
    void rowsPostgresRefusesAreQuarantinedAndTheRestOfTheBatchLands() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        write(run, page(
                deal("1", "2024-06-05T10:00:00Z", Map.of("Deal_Name", "fine")),
                deal("2", "2024-06-05T10:00:01Z", Map.of("Exchange_Rate", "1e200000")),
                deal("3", "2024-06-05T10:00:02Z", Map.of("Deal_Name", "also fine"))));

        assertThat(jdbc.queryForList("SELECT id FROM zoho.deals ORDER BY id", String.class)).containsExactly("1", "3");
        Map<String, Object> q = jdbc.queryForMap("SELECT zoho_id, reason, raw->>'Exchange_Rate' AS rate, run_id::text AS run FROM sync.quarantine");
        assertThat(q.get("zoho_id")).isEqualTo("2");
        assertThat(q.get("reason").toString()).startsWith("PostgreSQL refused the row:").contains("numeric");
        assertThat(q.get("rate")).isEqualTo("1e200000");
        assertThat(q.get("run")).isEqualTo(run.id().toString());
        assertThat(run.written()).isEqualTo(2);
        assertThat(run.quarantined()).isEqualTo(1);
    }

    @Test
    void theCheckpointIsCommittedWithEachBatchAndAFailedRunIsResumedFromIt() throws Exception {
        SyncRun first = ledger.open("Deals", null);
        // batch size 3: the page is written as 3 + 2 rows, each batch committing its position
        write(first, page(deal("1", "2024-06-05T10:00:00Z", Map.of()), deal("2", "2024-06-05T10:00:00Z", Map.of()),
                deal("3", "2024-06-05T10:00:00Z", Map.of()), deal("4", "2024-06-05T10:00:01Z", Map.of()),
                deal("5", "2024-06-05T10:00:02Z", Map.of())));
        ledger.fail(first, new IllegalStateException("killed"));

        SyncRun second = ledger.open("Deals", null);
        assertThat(second.resumeFrom()).isEqualTo(new Cursor(Instant.parse("2024-06-05T10:00:02Z"), "5"));
        assertThat(second.watermark()).as("a failed run never moves the watermark").isNull();
        ledger.close(second);

        assertThat(jdbc.queryForObject("SELECT modified_time = '2024-06-05T10:00:02Z' FROM sync.watermarks WHERE module = 'Deals'", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync.checkpoints", Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT status FROM sync.runs ORDER BY started_at", String.class)).containsExactly("failed", "ok");
        assertThat(jdbc.queryForObject("SELECT error FROM sync.runs WHERE id = ?::uuid", String.class, first.id().toString()))
                .isEqualTo("IllegalStateException: killed");
    }

    @Test
    void aHeldLockSkipsTheSecondRunAndAStaleOneIsTakenOver() {
        SyncRun first = ledger.open("Deals", null);
        SyncRun second = ledger.open("Deals", null);
        assertThat(second.isSkipped()).isTrue();
        assertThat(second.error()).contains(first.id().toString()).contains("holds the lock");

        jdbc.update("UPDATE sync.locks SET heartbeat_at = now() - interval '1 minute'");
        SyncRun third = ledger.open("Deals", null);

        assertThat(third.isSkipped()).isFalse();
        assertThat(jdbc.queryForObject("SELECT run_id::text FROM sync.locks", String.class)).isEqualTo(third.id().toString());
        assertThat(jdbc.queryForObject("SELECT status || ': ' || error FROM sync.runs WHERE id = ?::uuid", String.class, first.id().toString()))
                .startsWith("failed: abandoned");
        assertThatThrownBy(() -> write(first, page(deal("1", "2024-06-05T10:00:00Z", Map.of()))))
                .as("the run whose lock was taken over must stop writing").isInstanceOf(LockLostException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zoho.deals", Long.class)).isZero();
    }

    @Test
    void deletionsMarkRowsButNotVersionsEditedAfterTheDeletion() throws Exception {
        SyncRun run = ledger.open("Deals", null);
        write(run, page(deal("1", "2024-06-05T10:00:00Z", Map.of()), deal("2", "2024-06-05T12:00:00Z", Map.of())));

        writer.markDeleted(new DeletedPage("Deals", 1, List.of(
                new DeletedPage.Deletion("1", Instant.parse("2024-06-05T11:00:00Z")),
                new DeletedPage.Deletion("2", Instant.parse("2024-06-05T11:00:00Z")),
                new DeletedPage.Deletion("999", Instant.parse("2024-06-05T11:00:00Z"))), false), run);

        assertThat(jdbc.queryForList("SELECT id FROM zoho.deals WHERE deleted_at IS NOT NULL", String.class)).containsExactly("1");
        assertThat(run.deleted()).isEqualTo(1);
    }

    /** A page written and committed, as the sync route has it once the run's pages are done. */
    private void write(SyncRun run, List<ObjectNode> records) throws Exception {
        writeOnly(run, records);
        writer.finish(run);
    }

    /** A page written: a backfill's last batch may still be committing on the writer's own thread. */
    private void writeOnly(SyncRun run, List<ObjectNode> records) throws Exception {
        List<MappedRecord> mapped = records.stream().map(r -> {
            byte[] json = r.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return mapper.map(deals, new dev.crmmirror.zoho.RawRecord(json, 0, json.length));
        }).toList();
        Cursor end = mapped.get(mapped.size() - 1).position();
        writer.write(new MappedPage(deals, 1, mapped, end), run);
    }

    private static List<ObjectNode> page(ObjectNode... records) {
        return List.of(records);
    }

    private static ObjectNode deal(String id, String modifiedTime, Map<String, Object> fields) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("Modified_Time", modifiedTime).put("Created_Time", "2024-01-01T00:00:00Z");
        fields.forEach((k, v) -> r.set(k, JSON.valueToTree(v)));
        return r;
    }
}
