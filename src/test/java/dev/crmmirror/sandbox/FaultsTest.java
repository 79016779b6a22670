package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private static final String QUERY = "select Last_Name, Company, Description from Leads where id is not null limit 50";

    private ZohoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        sandbox.module("Leads").generate(100);
        client = new SandboxClient(sandbox);
        client.newAccessToken();
        assertThat(client.coql(QUERY).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void tooManyRequestsIs429WithoutRetryAfterAndOnlyOnce() {
        sandbox.faults().failNext(1, Fault.TOO_MANY_REQUESTS);

        SandboxClient.Response response = client.coql(QUERY);
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json().get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(client.coql(QUERY).status()).isEqualTo(200);
        assertThat(sandbox.stats().faultsByKind()).containsEntry(Fault.TOO_MANY_REQUESTS, 1L);
    }

    @Test
    void internalErrorIs500WithZohosBody() {
        sandbox.faults().failNext(1, Fault.INTERNAL_ERROR);

        SandboxClient.Response response = client.coql(QUERY);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"code\":\"INTERNAL_ERROR\",\"details\":{},"
                + "\"message\":\"Internal Server Error\",\"status\":\"error\"}");
    }

    @Test
    void serviceUnavailableIs503WithHtml() {
        sandbox.faults().failNext(1, Fault.SERVICE_UNAVAILABLE);

        SandboxClient.Response response = client.get("/crm/v8/Leads/deleted");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).startsWith("<html>");
    }

    @Test
    void droppedConnectionIsAnIoErrorForTheClient() throws Exception {
        sandbox.faults().failNext(1, Fault.DROP_CONNECTION);
        HttpRequest request = client.authorized(HttpRequest.newBuilder(client.uri("/crm/v8/coql")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"select_query\":\"" + QUERY + "\"}")).build();

        assertThatThrownBy(() -> client.sendRaw(request)).isInstanceOf(IOException.class);
        assertThat(client.sendRaw(request).statusCode()).isEqualTo(200);
    }

    @Test
    void maintenancePageComesAsHtmlWith200() {
        sandbox.faults().failNext(1, Fault.HTML_200);

        SandboxClient.Response response = client.get("/crm/v8/settings/fields?module=Leads");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("maintenance");
    }

    @Test
    void truncatedJsonIsThe200AnswerCutShort() {
        String complete = client.coql(QUERY).body();
        sandbox.faults().failNext(1, Fault.TRUNCATED_JSON);

        SandboxClient.Response response = client.coql(QUERY);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(complete).startsWith(response.body());
        assertThat(response.body().length()).isLessThan(complete.length());
        assertThatThrownBy(() -> SandboxClient.JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void injectedInvalidTokenIs401ButTheTokenStillWorks() {
        sandbox.faults().failNext(1, Fault.INVALID_TOKEN);

        SandboxClient.Response response = client.coql(QUERY);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
        assertThat(client.coql(QUERY).status()).isEqualTo(200);
        assertThat(sandbox.stats().unauthorized()).isZero();
    }

    @Test
    void slowResponseOutlastsAShortReadTimeout() {
        sandbox.faults().failNext(1, Fault.SLOW_RESPONSE);
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.coql(QUERY, Duration.ofMillis(500)))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.coql(QUERY).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sandbox.faults().latency(Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThat(client.coql(QUERY).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void chaosFailsAShareOfRequestsWithTheGivenKinds() {
        sandbox.stats().reset();
        sandbox.faults().chaos(0.4, 7, Fault.TOO_MANY_REQUESTS, Fault.INTERNAL_ERROR);
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 60; i++) statuses.merge(client.coql(QUERY).status(), 1, Integer::sum);

        assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 429, 500);
        assertThat(sandbox.stats().faultsByKind().get(Fault.TOO_MANY_REQUESTS)).isEqualTo((long) statuses.get(429));
        assertThat(sandbox.stats().faultsByKind().get(Fault.INTERNAL_ERROR)).isEqualTo((long) statuses.get(500));
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(statuses.get(429) + statuses.get(500));

        sandbox.faults().clear();
        assertThat(client.coql(QUERY).status()).isEqualTo(200);
    }

    @Test
    void tokenFaults() {
        sandbox.faults().failNextToken(1, TokenFault.INVALID_CODE);
        sandbox.faults().failNextToken(1, TokenFault.INVALID_CLIENT);
        sandbox.faults().failNextToken(1, TokenFault.ACCESS_DENIED);
        sandbox.faults().failNextToken(1, TokenFault.INTERNAL_ERROR);
        sandbox.faults().failNextToken(1, TokenFault.DROP_CONNECTION);
        Map<String, String> params = client.refreshParams();

        SandboxClient.Response invalidCode = client.refreshWithForm(params);
        assertThat(invalidCode.status()).isEqualTo(200);
        assertThat(invalidCode.body()).isEqualTo("{\"error\":\"invalid_code\"}");
        assertThat(client.refreshWithForm(params).body()).isEqualTo("{\"error\":\"invalid_client\"}");
        SandboxClient.Response denied = client.refreshWithForm(params);
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().get("error").asText()).isEqualTo("Access Denied");
        assertThat(client.refreshWithForm(params).status()).isEqualTo(500);
        assertThatThrownBy(() -> client.refreshWithForm(params)).hasCauseInstanceOf(IOException.class);
        assertThat(client.refreshWithForm(params).json().has("access_token")).isTrue();
    }
}
