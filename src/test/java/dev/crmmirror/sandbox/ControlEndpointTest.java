package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /__sandbox/ control surface a benchmark in another process uses: no token, no Zoho semantics. */
class ControlEndpointTest {
    private static final Instant NOW = Instant.parse("2024-06-05T09:04:09Z");

    private ZohoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(NOW);
        sandbox.module("Leads").generate(50);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statsAreReadAndResetWithoutAToken() throws Exception {
        client.coql("select id from Leads where id is not null limit 2000");
        client.coql("select id from Leads where id is not null");
        client.get("/crm/v8/Leads/deleted");

        HttpResponse<String> stats = unauthenticated("GET", "/__sandbox/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode json = SandboxClient.JSON.readTree(stats.body());
        assertThat(json.get("coqlCalls").asLong()).isEqualTo(2);
        assertThat(json.get("coqlCallsByModule").get("Leads").asLong()).isEqualTo(2);
        assertThat(json.get("coqlCallsByModule").get("Deals").asLong()).isZero();
        assertThat(json.get("coqlCredits").asLong()).isEqualTo(3 + 1);
        assertThat(json.get("deletedCalls").asLong()).isEqualTo(1);
        assertThat(json.get("tokenRefreshes").asLong()).isEqualTo(1);
        assertThat(json.get("requests").asLong()).isEqualTo(3);

        assertThat(unauthenticated("POST", "/__sandbox/stats/reset").statusCode()).isEqualTo(200);
        JsonNode reset = SandboxClient.JSON.readTree(unauthenticated("GET", "/__sandbox/stats").body());
        assertThat(List.of("requests", "coqlCalls", "coqlCredits", "deletedCalls", "tokenRefreshes"))
                .allSatisfy(counter -> assertThat(reset.get(counter).asLong()).as(counter).isZero());
        // the control surface is not Zoho's API: its own calls are not counted
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void neverShowsCredentialsAndIgnoresInjectedFaults() throws Exception {
        String accessToken = client.newAccessToken();
        sandbox.faults().failNext(5, Fault.INTERNAL_ERROR);

        for (String[] call : new String[][] {{"GET", "/__sandbox/stats"}, {"POST", "/__sandbox/edit?module=Leads&count=2"},
                {"GET", "/__sandbox/nope"}}) {
            String body = unauthenticated(call[0], call[1]).body();
            Credentials credentials = sandbox.credentials();
            assertThat(body).doesNotContain(credentials.clientSecret(), credentials.refreshToken(), accessToken);
        }
        assertThat(unauthenticated("GET", "/__sandbox/stats").statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().faultsInjected()).isZero();
    }

    @Test
    void editsRandomRecordsAndAnswersTheirNewModifiedTime() throws Exception {
        sandbox.clock().set(NOW.plusSeconds(3600));
        HttpResponse<String> response = unauthenticated("POST", "/__sandbox/edit?module=Leads&count=3");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = SandboxClient.JSON.readTree(response.body()).get("data");
        assertThat(data).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (JsonNode edited : data) {
            assertThat(edited.get("Modified_Time").asText()).isEqualTo("2024-06-05T10:04:09+00:00");
            Object stored = sandbox.module("Leads").liveRecords().get(edited.get("id").asText()).get("Modified_Time");
            assertThat(OffsetDateTime.parse((String) stored).toInstant()).isEqualTo(NOW.plusSeconds(3600));
        }
    }

    @Test
    void refusesWhatItDoesNotKnow() throws Exception {
        assertThat(unauthenticated("POST", "/__sandbox/edit?module=Nope&count=1").statusCode()).isEqualTo(400);
        assertThat(unauthenticated("POST", "/__sandbox/edit?module=Leads&count=0").statusCode()).isEqualTo(400);
        assertThat(unauthenticated("POST", "/__sandbox/edit?module=Leads&count=x").statusCode()).isEqualTo(400);
        assertThat(unauthenticated("GET", "/__sandbox/edit?module=Leads").statusCode()).isEqualTo(405);
        assertThat(unauthenticated("POST", "/__sandbox/stats").statusCode()).isEqualTo(405);
        assertThat(unauthenticated("GET", "/__sandbox/").statusCode()).isEqualTo(404);
        // Zoho's own 404 stays as it was for paths outside the control surface
        assertThat(unauthenticated("GET", "/__sandboxx").body()).contains("INVALID_URL_PATTERN");
    }

    private HttpResponse<String> unauthenticated(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(client.uri(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.sendRaw(request);
    }
}
