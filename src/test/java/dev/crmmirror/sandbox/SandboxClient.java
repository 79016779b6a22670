package dev.crmmirror.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A bare-bones Zoho client for tests: real HTTP against the sandbox, no retries, no cleverness. */
final class SandboxClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ZohoSandbox sandbox;
    private final HttpClient http;
    private String accessToken;

    SandboxClient(ZohoSandbox sandbox) {
        this.sandbox = sandbox;
        // a fresh client per test: the JDK client retries some requests on reused connections, which would hide drops
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Map<String, String> refreshParams() {
        Credentials credentials = sandbox.credentials();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("client_id", credentials.clientId());
        params.put("client_secret", credentials.clientSecret());
        params.put("refresh_token", credentials.refreshToken());
        return params;
    }

    /** The official SDK's way: params in a form body. */
    Response refreshWithForm(Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri("/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(params))));
    }

    /** Zoho's documented (and Airbyte's) way: params in the query string of a POST. */
    Response refreshWithQuery(Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri("/oauth/v2/token?" + urlEncoded(params)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    String newAccessToken() {
        Response response = refreshWithForm(refreshParams());
        JsonNode token = response.json().get("access_token");
        if (token == null) throw new IllegalStateException("no token: " + response.body());
        return token.asText();
    }

    Response coql(String query) {
        return coql(query, Duration.ofSeconds(20));
    }

    Response coql(String query, Duration timeout) {
        String body = JSON.createObjectNode().put("select_query", query).toString();
        return send(authorized(HttpRequest.newBuilder(uri("/crm/v8/coql")).timeout(timeout))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String pathAndQuery, String... headerPairs) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri(pathAndQuery))).GET();
        for (int i = 0; i < headerPairs.length; i += 2) request.header(headerPairs[i], headerPairs[i + 1]);
        return send(request);
    }

    /** Sends as given, so that tests can see I/O errors. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (accessToken == null) accessToken = newAccessToken();
        return request.header("Authorization", "Zoho-oauthtoken " + accessToken);
    }

    URI uri(String pathAndQuery) {
        return URI.create(sandbox.baseUrl() + pathAndQuery);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = sendRaw(request.build());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String urlEncoded(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
