package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Sends one call to the Zoho CRM API with the broker's access token and turns every kind of answer into a
 * result or a classified exception: transient (worth a retry), throttled (429), or a refusal (4xx).
 * On 401 INVALID_TOKEN it refreshes the token once and repeats the call; retries of other failures are the
 * {@code zoho-api} route's job, not this class's.
 */
@Component("zohoClient")
public class ZohoClient implements ZohoApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final TokenBroker tokens;
    private final ZohoProperties props;
    private final ZohoCallListener listener;

    public ZohoClient(HttpClient zohoHttpClient, TokenBroker tokens, ZohoProperties props, ObjectProvider<ZohoCallListener> listener) {
        this.http = zohoHttpClient;
        this.tokens = tokens;
        this.props = props;
        this.listener = listener.getIfAvailable(() -> ZohoCallListener.NONE);
    }

    @Override
    public <T> T execute(ZohoCall<T> call) {
        String token = tokens.accessToken();
        HttpResponse<InputStream> response = send(call, token);
        if (response.statusCode() == 401) {
            JsonNode error = errorBody(response);
            if ("INVALID_TOKEN".equals(error.path("code").asText())) {
                tokens.invalidate(token);
                response = send(call, tokens.accessToken());
            } else {
                throw unauthorized(call, error);
            }
        }
        return read(call, response);
    }

    private <T> HttpResponse<InputStream> send(ZohoCall<T> call, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(call))
                .timeout(props.readTimeout())
                .header("Authorization", "Zoho-oauthtoken " + token)
                .header("Accept", "application/json");
        call.headers().forEach(request::header);
        if (call.jsonBody() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.jsonBody(), StandardCharsets.UTF_8));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        call.meter().called(call.credits());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ZohoTransientException(call.description() + ": no connection to " + props.apiUrl() + " within "
                    + props.connectTimeout().toSeconds() + " s (zoho.connect-timeout)", call.request(), e);
        } catch (HttpTimeoutException e) {
            throw new ZohoTransientException(call.description() + ": Zoho did not answer within " + props.readTimeout().toSeconds()
                    + " s (zoho.read-timeout)", call.request(), e);
        } catch (IOException e) {
            throw new ZohoTransientException(call.description() + ": connection to " + props.apiUrl() + " failed ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", call.request(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoTransientException(call.description() + ": interrupted", call.request(), e);
        }
    }

    private <T> T read(ZohoCall<T> call, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 200) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.contains("json")) {
                    throw new ZohoTransientException(call.description() + ": Zoho answered HTTP 200 with " + (type.isEmpty() ? "no content type" : type)
                            + " instead of JSON (" + snippet(body) + "), as a proxy or maintenance page does", call.request());
                }
                try {
                    return call.reader().read(body);
                } catch (JsonProcessingException e) {
                    throw new ZohoTransientException(call.description() + ": Zoho's answer is not valid JSON (truncated or garbled: "
                            + e.getOriginalMessage() + ")", call.request(), e);
                }
            }
            if (status == 204) {
                return call.reader().read(null);
            }
            if (status == 429) {
                listener.throttled(call.module());
                Duration retryAfter = response.headers().firstValue("Retry-After").map(ZohoClient::seconds).orElse(null);
                throw new ZohoThrottledException(call.description() + ": Zoho answered 429 TOO_MANY_REQUESTS (daily API credits or "
                        + "the concurrency limit are used up)", call.request(), retryAfter);
            }
            if (status >= 500) {
                throw new ZohoTransientException(call.description() + ": Zoho answered HTTP " + status + " (" + snippet(body) + ")",
                        call.request());
            }
            JsonNode error = parse(body);
            if (status == 401) {
                throw unauthorized(call, error);
            }
            String code = error.path("code").asText("HTTP_" + status);
            throw new ZohoApiException(call.description() + " was refused: HTTP " + status + " " + code + " " + error.path("message").asText("")
                    + detailsOf(error) + ". " + advice(code), call.request(), status, code);
        } catch (IOException e) {
            throw new ZohoTransientException(call.description() + ": reading Zoho's answer failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", call.request(), e);
        }
    }

    private ZohoAuthException unauthorized(ZohoCall<?> call, JsonNode error) {
        String code = error.path("code").asText("HTTP_401");
        String hint = code.equals("OAUTH_SCOPE_MISMATCH")
                ? "the refresh token lacks a scope this call needs: issue one with ZohoCRM.modules.ALL and ZohoCRM.coql.READ"
                : "Zoho rejected a freshly refreshed token; check that ZOHO_API_URL (" + props.apiUrl()
                + ") is the API domain of the data centre of ZOHO_ACCOUNTS_URL (" + props.accountsUrl() + ")";
        return new ZohoAuthException(call.description() + ": Zoho answered 401 " + code + ": " + hint + ".");
    }

    private static String advice(String code) {
        return switch (code) {
            case "INVALID_MODULE" -> "Check the module name in CRM_MIRROR_MODULES and the mapping file: Zoho module API names are case-sensitive.";
            case "INVALID_QUERY" -> "A field in the mapping does not exist in Zoho or has another type: check the API names in the module's mapping file.";
            case "NO_PERMISSION", "OAUTH_SCOPE_MISMATCH" -> "The Zoho user behind the refresh token may not read this module.";
            case "LIMIT_EXCEEDED" -> "The mapping asks more than COQL allows (at most 50 fields).";
            default -> "This is unexpected: please report it with this message.";
        };
    }

    private URI uri(ZohoCall<?> call) {
        String query = call.query().isEmpty() ? "" : "?" + call.query().entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(TokenBroker.stripSlash(props.apiUrl().toString()) + call.path() + query);
    }

    private static JsonNode errorBody(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return parse(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode parse(InputStream body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String detailsOf(JsonNode error) {
        JsonNode details = error.path("details");
        return details.isObject() && !details.isEmpty() ? " " + details : "";
    }

    private static String snippet(InputStream body) throws IOException {
        byte[] head = body.readNBytes(160);
        String s = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? "empty body" : "'" + s + (head.length == 160 ? "...'" : "'");
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date; rare enough to fall back to our own backoff
        }
    }
}
