package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyAndStatsTest {
    private ZohoSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        sandbox.module("Leads").generate(50);
        sandbox.module("Deals").generate(20);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void requestsBeyondTheConcurrencyLimitGet429() {
        String token = client.newAccessToken();
        sandbox.faults().latency(Duration.ofSeconds(1));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(client.uri("/crm/v8/coql"))
                .header("Authorization", "Zoho-oauthtoken " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"select_query\":\"select id from Leads where id is not null\"}"))
                .build();

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 15; i++) responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        List<HttpResponse<String>> done = responses.stream().map(CompletableFuture::join).toList();

        assertThat(done.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(10);
        List<HttpResponse<String>> refused = done.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).hasSize(5);
        assertThat(refused.get(0).body()).contains("\"code\":\"TOO_MANY_REQUESTS\"");
        assertThat(refused.get(0).headers().firstValue("Retry-After")).isEmpty();
        assertThat(sandbox.stats().maxConcurrent()).isEqualTo(10);
    }

    @Test
    void coqlCreditsFollowTheLimitTiers() {
        client.newAccessToken();
        sandbox.stats().reset();
        for (String limit : List.of("", " limit 200", " limit 201", " limit 1000", " limit 1001", " limit 2000")) {
            client.coql("select id from Leads where id is not null" + limit);
        }
        client.coql("select Deal_Name from Deals where id is not null limit 10");
        client.coql("select Nope from Deals where id is not null");

        assertThat(sandbox.stats().coqlCredits()).isEqualTo(1 + 1 + 2 + 2 + 3 + 3 + 1);
        assertThat(sandbox.stats().coqlCalls()).isEqualTo(8);
        assertThat(sandbox.stats().coqlCalls("Leads")).isEqualTo(6);
        assertThat(sandbox.stats().coqlCalls("Deals")).isEqualTo(1);
        assertThat(sandbox.stats().requests()).isEqualTo(8);
        assertThat(sandbox.stats().lastQueries()).hasSize(8)
                .startsWith("select id from Leads where id is not null")
                .endsWith("select Nope from Deals where id is not null");
    }

    @Test
    void countsEveryKindOfCallAndResets() {
        client.coql("select id from Leads where id is not null");
        client.get("/crm/v8/Leads/deleted");
        client.get("/crm/v8/settings/fields?module=Deals");
        sandbox.revokeAccessTokens();
        client.coql("select id from Leads where id is not null");

        SandboxStats stats = sandbox.stats();
        assertThat(stats.tokenRefreshes()).isEqualTo(1);
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.deletedCalls()).isEqualTo(1);
        assertThat(stats.coqlCalls()).isEqualTo(1);
        assertThat(stats.unauthorized()).isEqualTo(1);
        assertThat(stats.maxConcurrent()).isEqualTo(1);

        stats.reset();
        assertThat(List.of(stats.tokenRefreshes(), stats.requests(), stats.deletedCalls(), stats.coqlCalls(),
                stats.coqlCredits(), stats.unauthorized(), stats.faultsInjected())).containsOnly(0L);
        assertThat(stats.lastQueries()).isEmpty();
        assertThat(stats.maxConcurrent()).isZero();
    }

    @Test
    void keepsTheLast100Queries() {
        for (int i = 0; i < 105; i++) client.coql("select id from Leads where id > " + i);

        List<String> queries = sandbox.stats().lastQueries();
        assertThat(queries).hasSize(100);
        assertThat(queries.get(0)).endsWith("id > 5");
        assertThat(queries.get(99)).endsWith("id > 104");
    }
}
