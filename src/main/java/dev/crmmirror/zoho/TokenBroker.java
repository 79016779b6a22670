package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the one Zoho access token of this process, refreshed with the refresh-token grant shortly before it
 * expires or when Zoho rejects it. Zoho allows about 10 refreshes per 10 minutes per refresh token and then
 * locks it out, so the broker never refreshes per request and stops itself before reaching that limit.
 *
 * <p>Zoho reports token errors as HTTP 200 with an {@code error} field; the body decides, not the status.
 */
@Component("tokenBroker")
public class TokenBroker {

    private static final Logger log = LoggerFactory.getLogger(TokenBroker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ZOHO_LOCKOUT = Duration.ofMinutes(10);
    private static final String REQUEST = "POST /oauth/v2/token (refresh_token grant)";
    private static final String DATA_CENTRES = "US https://accounts.zoho.com, EU https://accounts.zoho.eu, IN https://accounts.zoho.in, "
            + "AU https://accounts.zoho.com.au, JP https://accounts.zoho.jp, CA https://accounts.zohocloud.ca, "
            + "CN https://accounts.zoho.com.cn, SA https://accounts.zoho.sa";

    private final CloseableHttpClient http;
    private final ZohoProperties props;
    private final Clock clock;
    private final Deque<Instant> recentRefreshes = new ArrayDeque<>();
    private final AtomicLong refreshes = new AtomicLong();

    private String token;
    private Instant refreshAt = Instant.MIN;
    private Instant blockedUntil = Instant.MIN;
    private boolean apiDomainChecked;

    public TokenBroker(CloseableHttpClient zohoHttpClient, ZohoProperties props, Clock clock) {
        this.http = zohoHttpClient;
        this.props = props;
        this.clock = clock;
    }

    /** The current access token, refreshed first if it is missing or about to expire. */
    public synchronized String accessToken() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(refreshAt)) {
            return token;
        }
        return refresh(now);
    }

    /** Zoho answered 401 INVALID_TOKEN with this token: drop it, unless another caller already replaced it. */
    public synchronized void invalidate(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }

    /** The sync route's OAuth step: fail the run up front, with the OAuth error, if no token can be had. */
    public void ensureToken() {
        accessToken();
    }

    /** Refresh requests sent to Zoho since start-up. */
    public long refreshes() {
        return refreshes.get();
    }

    private String refresh(Instant now) {
        if (now.isBefore(blockedUntil)) {
            throw new ZohoAuthException("Zoho's token endpoint is throttling this refresh token; crm-mirror makes no refresh attempt before "
                    + blockedUntil + " (Zoho lifts the block after about 10 minutes without attempts). If it recurs, make sure no other "
                    + "program refreshes tokens with the same ZOHO_REFRESH_TOKEN.");
        }
        Duration window = props.tokenRefreshWindow();
        while (!recentRefreshes.isEmpty() && !recentRefreshes.peekFirst().isAfter(now.minus(window))) {
            recentRefreshes.removeFirst();
        }
        if (recentRefreshes.size() >= props.maxTokenRefreshes()) {
            blockedUntil = recentRefreshes.peekFirst().plus(window);
            throw new ZohoAuthException("crm-mirror refreshed the Zoho access token " + recentRefreshes.size() + " times in the last "
                    + window.toMinutes() + " minutes; one more would get the refresh token locked out by Zoho, so it waits until "
                    + blockedUntil + ". Frequent refreshes mean Zoho keeps rejecting tokens: check that ZOHO_API_URL (" + props.apiUrl()
                    + ") belongs to the same data centre as ZOHO_ACCOUNTS_URL (" + props.accountsUrl() + ").");
        }
        recentRefreshes.addLast(now);
        refreshes.incrementAndGet();

        JsonNode body = post();
        JsonNode accessToken = body.get("access_token");
        if (accessToken != null && accessToken.isTextual()) {
            Duration lifetime = lifetime(body);
            Duration margin = props.tokenRefreshMargin().compareTo(lifetime.dividedBy(10)) < 0 ? props.tokenRefreshMargin() : lifetime.dividedBy(10);
            token = accessToken.textValue();
            refreshAt = now.plus(lifetime).minus(margin);
            checkApiDomain(body.path("api_domain").asText(null));
            log.info("Zoho access token refreshed; valid for {} s", lifetime.toSeconds());
            return token;
        }
        throw refusal(body, now);
    }

    private JsonNode post() {
        String form = "grant_type=refresh_token"
                + "&client_id=" + enc(props.clientId())
                + "&client_secret=" + enc(props.clientSecret())
                + "&refresh_token=" + enc(props.refreshToken());
        URI uri = URI.create(stripSlash(props.accountsUrl().toString()) + "/oauth/v2/token");
        ClassicHttpRequest request = ClassicRequestBuilder.post(uri)
                .addHeader("Accept", "application/json")
                .setEntity(form, ContentType.APPLICATION_FORM_URLENCODED)
                .build();
        try {
            return http.execute(request, response -> {
                if (response.getCode() >= 500) {
                    throw new ZohoTransientException("Zoho's token endpoint " + uri + " answered HTTP " + response.getCode() + ".", REQUEST);
                }
                try (InputStream body = response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent()) {
                    JsonNode json = JSON.readTree(body);
                    return json == null ? JSON.missingNode() : json;
                } catch (JsonProcessingException e) {
                    throw new ZohoTransientException("Zoho's token endpoint " + uri + " answered HTTP " + response.getCode()
                            + " without a JSON body; check ZOHO_ACCOUNTS_URL.", REQUEST, e);
                }
            });
        } catch (IOException e) {
            throw new ZohoTransientException("Zoho's token endpoint " + uri + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check ZOHO_ACCOUNTS_URL and the network.", REQUEST, e);
        }
    }

    private RuntimeException refusal(JsonNode body, Instant now) {
        String error = body.path("error").asText("");
        if (error.equalsIgnoreCase("Access Denied")) {
            blockedUntil = now.plus(ZOHO_LOCKOUT);
            return new ZohoAuthException("Zoho's token endpoint is throttling this refresh token (Access Denied: too many requests). "
                    + "crm-mirror makes no refresh attempt before " + blockedUntil + ", as Zoho lifts the block only after about 10 minutes "
                    + "without attempts. If it recurs, make sure no other program refreshes tokens with the same ZOHO_REFRESH_TOKEN.");
        }
        return switch (error) {
            case "invalid_code" -> new ZohoAuthException("Zoho refused the refresh token (invalid_code): it is wrong, revoked, or from "
                    + "another data centre. Check ZOHO_REFRESH_TOKEN, and that ZOHO_ACCOUNTS_URL (" + props.accountsUrl()
                    + ") is the accounts server of the data centre where it was issued (" + DATA_CENTRES + ").");
            case "invalid_client" -> new ZohoAuthException("Zoho does not know this client (invalid_client). Check ZOHO_CLIENT_ID, and that "
                    + "ZOHO_ACCOUNTS_URL (" + props.accountsUrl() + ") is the accounts server of the data centre where the client was "
                    + "registered (" + DATA_CENTRES + ").");
            case "invalid_client_secret" -> new ZohoAuthException("Zoho refused the client secret (invalid_client_secret). Check "
                    + "ZOHO_CLIENT_SECRET against the API console (api-console.zoho.com) for client " + props.clientId() + ".");
            case "" -> new ZohoTransientException("Zoho's token endpoint answered without an access token or an error.", REQUEST);
            default -> new ZohoAuthException("Zoho's token endpoint refused the refresh (" + error
                    + (body.hasNonNull("error_description") ? ": " + body.get("error_description").asText() : "")
                    + "). Check ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_ACCOUNTS_URL.");
        };
    }

    /** {@code expires_in} is seconds today; older Zoho services sent milliseconds plus {@code expires_in_sec}. */
    private static Duration lifetime(JsonNode body) {
        if (body.path("expires_in_sec").canConvertToLong()) {
            return Duration.ofSeconds(body.get("expires_in_sec").asLong());
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        return expiresIn > 86_400 ? Duration.ofMillis(expiresIn) : Duration.ofSeconds(expiresIn);
    }

    private void checkApiDomain(String apiDomain) {
        if (apiDomainChecked || apiDomain == null) {
            return;
        }
        apiDomainChecked = true;
        String configured = props.apiUrl().getHost();
        String announced = URI.create(apiDomain).getHost();
        if (announced != null && configured != null && !announced.equalsIgnoreCase(configured)) {
            log.warn("Zoho says this account's API domain is {} but ZOHO_API_URL is {}: API calls will fail if they are in different "
                    + "data centres; set ZOHO_API_URL={}", apiDomain, props.apiUrl(), apiDomain);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
