package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
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

    private final CloseableHttpClient http;
    private final TokenBroker tokens;
    private final ZohoProperties props;
    private final ZohoCallListener listener;

    public ZohoClient(CloseableHttpClient zohoHttpClient, TokenBroker tokens, ZohoProperties props, ObjectProvider<ZohoCallListener> listener) {
        this.http = zohoHttpClient;
        this.tokens = tokens;
        this.props = props;
        this.listener = listener.getIfAvailable(() -> ZohoCallListener.NONE);
    }

    @Override
    public <T> T execute(ZohoCall<T> call) {
        String token = tokens.accessToken();
        try {
            return send(call, token, true);
        } catch (InvalidToken e) {
            tokens.invalidate(token);
            return send(call, tokens.accessToken(), false);
        }
    }

    /** Zoho rejected the token of a first attempt; the caller refreshes it and tries once more. */
    private static final class InvalidToken extends RuntimeException {
        InvalidToken() {
            super(null, null, false, false);
        }
    }

    private <T> T send(ZohoCall<T> call, String token, boolean firstAttempt) {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(call.method())
                .setUri(uri(call))
                .addHeader("Authorization", "Zoho-oauthtoken " + token)
                .addHeader("Accept", "application/json");
        call.headers().forEach(request::addHeader);
        if (call.jsonBody() != null) {
            request.setEntity(call.jsonBody(), ContentType.APPLICATION_JSON);
        }
        call.meter().called(call.credits());
        try {
            return http.execute(request.build(), response -> read(call, response, firstAttempt));
        } catch (ConnectTimeoutException e) {
            throw new ZohoTransientException(call.description() + ": no connection to " + props.apiUrl() + " within "
                    + props.connectTimeout().toSeconds() + " s (zoho.connect-timeout)", call.request(), e);
        } catch (SocketTimeoutException e) {
            throw new ZohoTransientException(call.description() + ": Zoho sent nothing for " + props.readTimeout().toSeconds()
                    + " s (zoho.read-timeout)", call.request(), e);
        } catch (IOException e) {
            throw new ZohoTransientException(call.description() + ": connection to " + props.apiUrl() + " failed ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", call.request(), e);
        }
    }

    /** Any failure to read the answer is an IOException, which {@link #send} reports as worth a retry. */
    private <T> T read(ZohoCall<T> call, ClassicHttpResponse response, boolean firstAttempt) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        try (InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
            if (status == 200) {
                String type = header(response, "Content-Type");
                if (type == null || !type.contains("json")) {
                    throw new ZohoTransientException(call.description() + ": Zoho answered HTTP 200 with " + (type == null ? "no content type" : type)
                            + " instead of JSON (" + snippet(body) + "), as a proxy or maintenance page does", call.request());
                }
                try {
                    return call.reader().read(readAll(body, entity.getContentLength()));
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
                String retryAfter = header(response, "Retry-After");
                throw new ZohoThrottledException(call.description() + ": Zoho answered 429 TOO_MANY_REQUESTS (daily API credits or "
                        + "the concurrency limit are used up)", call.request(), retryAfter == null ? null : seconds(retryAfter));
            }
            if (status >= 500) {
                throw new ZohoTransientException(call.description() + ": Zoho answered HTTP " + status + " (" + snippet(body) + ")",
                        call.request());
            }
            JsonNode error = parse(body);
            if (status == 401) {
                if (firstAttempt && "INVALID_TOKEN".equals(error.path("code").asText())) {
                    throw new InvalidToken();
                }
                throw unauthorized(call, error);
            }
            String code = error.path("code").asText("HTTP_" + status);
            throw new ZohoApiException(call.description() + " was refused: HTTP " + status + " " + code + " " + error.path("message").asText("")
                    + detailsOf(error) + ". " + advice(code), call.request(), status, code);
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
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

    /**
     * The whole answer, into one array when Zoho says how long it is. A COQL page is megabytes, and
     * {@link InputStream#readAllBytes()} reads 8 KiB at a time into buffers it then copies: for a backfill, tens of
     * thousands of reads down the HTTP client's stream stack and twice each page in garbage.
     */
    static byte[] readAll(InputStream body, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            return body.readAllBytes(); // chunked or compressed: the length is not known up front
        }
        byte[] bytes = new byte[(int) length];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new EOFException("the answer ended after " + read + " of the " + length + " bytes it announced");
        }
        return bytes;
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
