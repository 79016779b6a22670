package dev.crmmirror.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sandbox behaves. Defaults follow Zoho's documented limits (zoho-api.md §1.5, §6.2).
 *
 * @param port                  0 for an ephemeral port
 * @param maxConcurrentRequests CRM API requests in flight before Zoho answers 429 (COQL sub-concurrency)
 * @param tokenRefreshLimit     refreshes allowed per {@code tokenRefreshWindow} before "Access Denied"
 * @param tokenThrottleAs400    answer the refresh throttle with HTTP 400 instead of 200 (sources conflict, §1.3)
 * @param legacyTokenExpiry     emit {@code expires_in} in milliseconds plus {@code expires_in_sec}, as some Zoho services do
 * @param seed                  makes generated data reproducible
 */
public record SandboxOptions(int port, Duration tokenTtl, int maxConcurrentRequests, int tokenRefreshLimit,
                             Duration tokenRefreshWindow, boolean tokenThrottleAs400, boolean legacyTokenExpiry,
                             long seed) {

    public SandboxOptions {
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
        requirePositive(Objects.requireNonNull(tokenTtl, "tokenTtl"), "tokenTtl");
        requirePositive(Objects.requireNonNull(tokenRefreshWindow, "tokenRefreshWindow"), "tokenRefreshWindow");
        if (maxConcurrentRequests < 1) throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        if (tokenRefreshLimit < 1) throw new IllegalArgumentException("tokenRefreshLimit must be at least 1");
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, Duration.ofHours(1), 10, 10, Duration.ofMinutes(10), false, false, 42);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    public SandboxOptions withTokenTtl(Duration tokenTtl) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    public SandboxOptions withTokenRefreshLimit(int tokenRefreshLimit) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    public SandboxOptions withTokenThrottleAs400(boolean tokenThrottleAs400) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    public SandboxOptions withLegacyTokenExpiry(boolean legacyTokenExpiry) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    public SandboxOptions withSeed(long seed) {
        return new SandboxOptions(port, tokenTtl, maxConcurrentRequests, tokenRefreshLimit, tokenRefreshWindow,
                tokenThrottleAs400, legacyTokenExpiry, seed);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isZero() || duration.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
