package dev.crmmirror.zoho;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429 {@code TOO_MANY_REQUESTS}: the daily credits or the concurrency limit are exhausted (Zoho does
 * not say which). Zoho sends no Retry-After; when one comes anyway it is honoured.
 */
public class ZohoThrottledException extends ZohoTransientException {

    private final Duration retryAfter;

    public ZohoThrottledException(String message, String request, Duration retryAfter) {
        super(message, request);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
