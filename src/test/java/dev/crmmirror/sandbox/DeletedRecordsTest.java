package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletedRecordsTest {
    private static final Instant START = Instant.parse("2024-06-05T09:00:00Z");
    private ZohoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(START);
        sandbox.module("Leads").generate(500);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void nothingDeletedIs204() {
        SandboxClient.Response response = client.get("/crm/v8/Leads/deleted?type=all");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void pagesNewestFirstWithZohosEntryShape() {
        for (int minute = 0; minute < 250; minute++) {
            sandbox.clock().advance(Duration.ofMinutes(1));
            sandbox.module("Leads").deleteRandom(1);
        }

        JsonNode first = client.get("/crm/v8/Leads/deleted?type=all&page=1&per_page=200").json();
        JsonNode second = client.get("/crm/v8/Leads/deleted?type=recycle&page=2&per_page=200").json();

        assertThat(first.get("info").get("count").asInt()).isEqualTo(200);
        assertThat(first.get("info").get("per_page").asInt()).isEqualTo(200);
        assertThat(first.get("info").get("page").asInt()).isEqualTo(1);
        assertThat(first.get("info").get("more_records").asBoolean()).isTrue();
        assertThat(second.get("info").get("count").asInt()).isEqualTo(50);
        assertThat(second.get("info").get("more_records").asBoolean()).isFalse();

        List<Instant> times = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            for (JsonNode entry : page.get("data")) {
                assertThat(entry.get("type").asText()).isEqualTo("recycle");
                assertThat(entry.get("deleted_by").get("name").asText()).isNotEmpty();
                assertThat(entry.get("created_by").get("id").asText()).matches("\\d{19}");
                assertThat(entry.get("display_name").asText()).isNotEmpty();
                times.add(OffsetDateTime.parse(entry.get("deleted_time").asText()).toInstant());
                ids.add(entry.get("id").asText());
            }
        }
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                sandbox.module("Leads").deletedRecords().keySet());
        assertThat(client.get("/crm/v8/Leads/deleted?type=permanent").status()).isEqualTo(204);
        assertThat(sandbox.module("Leads").size()).isEqualTo(250);
    }

    @Test
    void ifModifiedSinceListsOnlyLaterDeletions() {
        sandbox.module("Leads").deleteRandom(3);
        sandbox.clock().advance(Duration.ofHours(2));
        List<String> recent = sandbox.module("Leads").deleteRandom(4);

        JsonNode body = client.get("/crm/v8/Leads/deleted?type=all", "If-Modified-Since", "2024-06-05T15:00:00+05:30").json();

        List<String> ids = new ArrayList<>();
        body.get("data").forEach(entry -> ids.add(entry.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(recent);
        assertThat(client.get("/crm/v8/Leads/deleted", "If-Modified-Since", "2024-06-05T11:00:00+00:00").status())
                .isEqualTo(204);
    }

    @Test
    void badParametersAndModulesAreRefused() {
        sandbox.module("Leads").deleteRandom(1);
        assertError(client.get("/crm/v8/Leads/deleted?per_page=201"), "INVALID_DATA");
        assertError(client.get("/crm/v8/Leads/deleted?type=trash"), "PATTERN_NOT_MATCHED");
        SandboxClient.Response module = client.get("/crm/v8/Leeds/deleted");
        assertThat(module.body()).isEqualTo("{\"code\":\"INVALID_MODULE\",\"details\":{},"
                + "\"message\":\"the module name given seems to be invalid\",\"status\":\"error\"}");
        assertThat(module.status()).isEqualTo(400);
    }

    private static void assertError(SandboxClient.Response response, String code) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }
}
