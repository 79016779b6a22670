package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keyset paging on (Modified_Time, id), the way the sync walks a module past the OFFSET ceiling. */
class KeysetPagingTest {
    private static final Instant BURST = Instant.parse("2024-03-01T12:00:00Z");
    private static ZohoSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        SandboxModule leads = sandbox.module("Leads");
        leads.generate(1500);
        leads.generateBurst(5000, BURST);
        leads.generate(500);
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    record Row(String id, Instant modified) { }

    private static final Comparator<Row> KEYSET_ORDER = Comparator.comparing(Row::modified)
            .thenComparing(row -> new BigInteger(row.id()));

    @Test
    void aBurstSharingOneModifiedTimeIsReturnedExactlyOnceInOrder() {
        for (int pageSize : List.of(2000, 733)) {
            List<Row> rows = walk(pageSize);

            assertThat(rows).as("page size " + pageSize).hasSize(7000);
            assertThat(rows.stream().map(Row::id).distinct().count()).isEqualTo(7000);
            assertThat(Set.copyOf(rows.stream().map(Row::id).toList()))
                    .isEqualTo(sandbox.module("Leads").liveRecords().keySet());
            assertThat(rows).isSortedAccordingTo(KEYSET_ORDER);
            assertThat(rows.stream().filter(row -> row.modified().equals(BURST)).count()).isEqualTo(5000);
        }
    }

    @Test
    void lowerBoundOnModifiedTimeStartsInsideTheBurst() {
        List<Row> rows = new ArrayList<>();
        JsonNode body = client.coql("select Modified_Time from Leads where Modified_Time >= '2024-03-01T17:30:00+05:30' "
                + "order by Modified_Time asc, id asc limit 2000").json();
        body.get("data").forEach(row -> rows.add(row(row)));

        assertThat(rows).hasSize(2000).isSortedAccordingTo(KEYSET_ORDER);
        assertThat(rows.get(0).modified()).isEqualTo(BURST);
        assertThat(body.get("info").get("more_records").asBoolean()).isTrue();
    }

    private static List<Row> walk(int pageSize) {
        List<Row> rows = new ArrayList<>();
        String where = "Modified_Time >= '1970-01-01T00:00:00+00:00'";
        while (true) {
            SandboxClient.Response response = client.coql("select Last_Name, Modified_Time from Leads where " + where
                    + " order by Modified_Time asc, id asc limit " + pageSize);
            if (response.status() == 204) return rows;
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<Row> page = new ArrayList<>();
            response.json().get("data").forEach(row -> page.add(row(row)));
            rows.addAll(page);
            if (!response.json().get("info").get("more_records").asBoolean()) return rows;
            JsonNode last = response.json().get("data").get(page.size() - 1);
            String time = last.get("Modified_Time").asText();
            String id = last.get("id").asText();
            where = "((Modified_Time > '" + time + "') or ((Modified_Time = '" + time + "') and (id > '" + id + "')))";
        }
    }

    private static Row row(JsonNode row) {
        return new Row(row.get("id").asText(), OffsetDateTime.parse(row.get("Modified_Time").asText()).toInstant());
    }
}
