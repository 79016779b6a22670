package dev.crmmirror.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Issues and checks access tokens under Zoho's rules (zoho-api.md §1.5): limited refreshes per
 * window, at most 15 active tokens per refresh token (the 16th evicts the oldest), expiry by the
 * sandbox clock.
 */
final class TokenAuthority {
    static final int MAX_ACTIVE_TOKENS = 15;

    /** What a refresh request gets. */
    sealed interface Outcome {
        record Issued(String accessToken) implements Outcome { }

        /** {@code error} is the value of Zoho's "error" field, e.g. invalid_code. */
        record Refused(String error) implements Outcome { }

        record Throttled() implements Outcome { }
    }

    private final Credentials credentials;
    private final SandboxOptions options;
    private final SandboxClock clock;
    private final SecureRandom random = new SecureRandom();
    /** Token → expiry, oldest first. */
    private final Map<String, Instant> active = new LinkedHashMap<>();
    private final Deque<Instant> recentRefreshes = new ArrayDeque<>();

    TokenAuthority(Credentials credentials, SandboxOptions options, SandboxClock clock) {
        this.credentials = credentials;
        this.options = options;
        this.clock = clock;
    }

    static Credentials newCredentials() {
        SecureRandom random = new SecureRandom();
        return new Credentials("1000." + hex(random, 15).toUpperCase(Locale.ROOT), hex(random, 21),
                "1000." + hex(random, 16) + "." + hex(random, 16));
    }

    synchronized Outcome refresh(String grantType, String clientId, String clientSecret, String refreshToken) {
        if (!"refresh_token".equals(grantType)) return new Outcome.Refused("unsupported_grant_type");
        if (!credentials.clientId().equals(clientId)) return new Outcome.Refused("invalid_client");
        if (!credentials.clientSecret().equals(clientSecret)) return new Outcome.Refused("invalid_client_secret");
        if (!credentials.refreshToken().equals(refreshToken)) return new Outcome.Refused("invalid_code");
        Instant now = clock.now();
        while (!recentRefreshes.isEmpty() && !recentRefreshes.peekFirst().isAfter(now.minus(options.tokenRefreshWindow()))) {
            recentRefreshes.removeFirst();
        }
        if (recentRefreshes.size() >= options.tokenRefreshLimit()) return new Outcome.Throttled();
        recentRefreshes.addLast(now);
        String token = "1000." + hex(random, 16) + "." + hex(random, 16);
        active.put(token, now.plus(options.tokenTtl()));
        if (active.size() > MAX_ACTIVE_TOKENS) {
            Iterator<String> oldest = active.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return new Outcome.Issued(token);
    }

    synchronized boolean isValid(String accessToken) {
        Instant expiry = active.get(accessToken);
        return expiry != null && clock.now().isBefore(expiry);
    }

    synchronized void revokeAll() {
        active.clear();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
