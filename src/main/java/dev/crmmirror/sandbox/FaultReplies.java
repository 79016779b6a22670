package dev.crmmirror.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What each injected {@link Fault} looks like on the wire. */
final class FaultReplies {
    private static final String UNAVAILABLE_PAGE = "<html><head><title>503 Service Temporarily Unavailable</title></head>"
            + "<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>ZGS</center></body></html>";
    private static final String MAINTENANCE_PAGE = "<!DOCTYPE html><html><head><title>Zoho CRM - Maintenance</title></head>"
            + "<body><h1>We'll be back soon!</h1><p>Zoho CRM is undergoing scheduled maintenance.</p></body></html>";

    private FaultReplies() { }

    /** The answer that replaces the real one, or null for faults that alter the real answer instead. */
    static Reply replacing(Fault fault) {
        return switch (fault) {
            case TOO_MANY_REQUESTS -> tooManyRequests();
            case INTERNAL_ERROR -> Reply.error(500, "INTERNAL_ERROR", "Internal Server Error");
            case SERVICE_UNAVAILABLE -> Reply.html(503, UNAVAILABLE_PAGE);
            case DROP_CONNECTION -> Reply.drop();
            case HTML_200 -> Reply.html(200, MAINTENANCE_PAGE);
            case INVALID_TOKEN -> invalidToken();
            case TRUNCATED_JSON, SLOW_RESPONSE -> null;
        };
    }

    /** The real answer cut in the middle, yet labelled a complete 200 JSON answer. */
    static Reply truncated(Reply real) {
        byte[] cut = real.body().length < 2 ? "{\"data\":[".getBytes(StandardCharsets.UTF_8) : Arrays.copyOf(real.body(), real.body().length / 2);
        return new Reply(200, Reply.JSON, cut);
    }

    /** Zoho's body for the concurrency limit and for exhausted credits alike; no Retry-After header. */
    static Reply tooManyRequests() {
        return Reply.error(429, "TOO_MANY_REQUESTS", "The number of concurrent requests has exceeded the allowed limit.");
    }

    static Reply invalidToken() {
        return Reply.error(401, "INVALID_TOKEN", "invalid oauth token");
    }
}
