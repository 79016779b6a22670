package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {
    private static final String ANY_QUERY = "select Last_Name from Leads where id is not null";

    private ZohoSandbox sandbox;
    private SandboxClient client;

    private void start(SandboxOptions options) throws Exception {
        sandbox = ZohoSandbox.start(options);
        sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
        sandbox.module("Leads").generate(5);
        client = new SandboxClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void refreshFromFormBodyReturnsZohosSuccessShape() throws Exception {
        start(SandboxOptions.defaults());
        SandboxClient.Response response = client.refreshWithForm(client.refreshParams());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("access_token").asText()).matches("1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}");
        assertThat(body.get("api_domain").asText()).isEqualTo(sandbox.baseUrl());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.has("expires_in_sec")).isFalse();
        assertThat(body.get("scope").asText()).contains("ZohoCRM.coql.READ");
    }

    @Test
    void refreshFromQueryStringWorksToo() throws Exception {
        start(SandboxOptions.defaults());
        SandboxClient.Response response = client.refreshWithQuery(client.refreshParams());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("access_token")).isTrue();
    }

    @Test
    void legacyExpiryGivesMillisecondsPlusSeconds() throws Exception {
        start(SandboxOptions.defaults().withLegacyTokenExpiry(true));
        JsonNode body = client.refreshWithForm(client.refreshParams()).json();

        assertThat(body.get("expires_in").asLong()).isEqualTo(3_600_000);
        assertThat(body.get("expires_in_sec").asLong()).isEqualTo(3600);
    }

    @Test
    void wrongCredentialsAreRefusedWithHttp200AndAnErrorField() throws Exception {
        start(SandboxOptions.defaults());
        assertRefused("client_id", "1000.NOPE", "invalid_client");
        assertRefused("client_secret", "wrong", "invalid_client_secret");
        assertRefused("refresh_token", "1000.dead.beef", "invalid_code");
    }

    private void assertRefused(String param, String value, String error) {
        Map<String, String> params = client.refreshParams();
        params.put(param, value);
        SandboxClient.Response response = client.refreshWithForm(params);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.json().has("access_token")).isFalse();
    }

    @Test
    void eleventhRefreshWithinTenMinutesIsThrottledUntilTheWindowPasses() throws Exception {
        start(SandboxOptions.defaults());
        for (int i = 0; i < 10; i++) {
            assertThat(client.refreshWithForm(client.refreshParams()).json().has("access_token")).isTrue();
        }
        SandboxClient.Response throttled = client.refreshWithForm(client.refreshParams());

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.json().get("error").asText()).isEqualTo("Access Denied");
        assertThat(throttled.json().get("status").asText()).isEqualTo("failure");
        assertThat(throttled.json().get("error_description").asText()).contains("too many requests continuously");

        sandbox.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(client.refreshWithForm(client.refreshParams()).json().has("access_token")).isTrue();
    }

    @Test
    void throttleCanBeAnsweredWith400() throws Exception {
        start(SandboxOptions.defaults().withTokenRefreshLimit(1).withTokenThrottleAs400(true));
        client.refreshWithForm(client.refreshParams());

        SandboxClient.Response throttled = client.refreshWithForm(client.refreshParams());
        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.json().get("error").asText()).isEqualTo("Access Denied");
    }

    @Test
    void revokedTokensGet401InvalidToken() throws Exception {
        start(SandboxOptions.defaults());
        assertThat(client.coql(ANY_QUERY).status()).isEqualTo(200);

        sandbox.revokeAccessTokens();

        SandboxClient.Response response = client.coql(ANY_QUERY);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(
                "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}");
        assertThat(sandbox.stats().unauthorized()).isEqualTo(1);
    }

    @Test
    void tokensExpireAfterTheirTtl() throws Exception {
        start(SandboxOptions.defaults().withTokenTtl(Duration.ofSeconds(2)));
        assertThat(client.coql(ANY_QUERY).status()).isEqualTo(200);

        sandbox.clock().advance(Duration.ofSeconds(1));
        assertThat(client.coql(ANY_QUERY).status()).isEqualTo(200);
        sandbox.clock().advance(Duration.ofSeconds(1));
        SandboxClient.Response expired = client.coql(ANY_QUERY);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void sixteenthTokenInvalidatesTheOldest() throws Exception {
        start(SandboxOptions.defaults().withTokenRefreshLimit(100));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) tokens.add(client.newAccessToken());

        assertThat(statusWith("Zoho-oauthtoken " + tokens.get(0))).isEqualTo(401);
        assertThat(statusWith("Zoho-oauthtoken " + tokens.get(1))).isEqualTo(200);
        assertThat(statusWith("Zoho-oauthtoken " + tokens.get(15))).isEqualTo(200);
    }

    @Test
    void bearerPrefixIsAcceptedAndAMissingHeaderIsAnAuthenticationFailure() throws Exception {
        start(SandboxOptions.defaults());
        assertThat(statusWith("Bearer " + client.newAccessToken())).isEqualTo(200);

        HttpRequest anonymous = HttpRequest.newBuilder(client.uri("/crm/v8/coql"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"select_query\":\"" + ANY_QUERY + "\"}")).build();
        var response = client.sendRaw(anonymous);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"code\":\"AUTHENTICATION_FAILURE\",\"details\":{},"
                + "\"message\":\"Authentication failed\",\"status\":\"error\"}");
    }

    private int statusWith(String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(client.uri("/crm/v8/coql"))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("{\"select_query\":\"" + ANY_QUERY + "\"}")).build();
        return client.sendRaw(request).statusCode();
    }
}
