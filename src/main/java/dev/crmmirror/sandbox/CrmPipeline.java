package dev.crmmirror.sandbox;

import java.time.Duration;

/**
 * What stands between a CRM API request and its endpoint, in Zoho's order: injected faults (as a
 * proxy in front would produce them), authentication, the concurrency limit, then latency.
 */
final class CrmPipeline {
    static final Duration SLOW_RESPONSE_DELAY = Duration.ofSeconds(30);
    private static final String ZOHO_PREFIX = "Zoho-oauthtoken ";
    private static final String BEARER_PREFIX = "Bearer ";

    private final TokenAuthority tokens;
    private final Faults faults;
    private final SandboxStats stats;
    private final ConcurrencyGate gate;

    CrmPipeline(TokenAuthority tokens, Faults faults, SandboxStats stats, int maxConcurrentRequests) {
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
        this.gate = new ConcurrencyGate(maxConcurrentRequests, stats);
    }

    Reply answer(ApiRequest request, Endpoint endpoint) {
        stats.countRequest();
        Fault fault = faults.nextApiFault();
        if (fault != null) {
            stats.countFault(fault);
            Reply replacement = FaultReplies.replacing(fault);
            if (replacement != null) return replacement;
        }
        Reply denied = authenticate(request.header("Authorization"));
        if (denied != null) {
            stats.countUnauthorized();
            return denied;
        }
        if (!gate.tryEnter()) return FaultReplies.tooManyRequests();
        try {
            pause(faults.latency());
            Reply reply = endpoint.answer(request);
            if (fault == Fault.TRUNCATED_JSON) return FaultReplies.truncated(reply);
            if (fault == Fault.SLOW_RESPONSE) pause(SLOW_RESPONSE_DELAY);
            return reply;
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
            return Reply.drop();
        } finally {
            gate.exit();
        }
    }

    /** Null when the request carries a valid token, else Zoho's 401 answer. */
    private Reply authenticate(String authorization) {
        if (authorization == null) return Reply.error(401, "AUTHENTICATION_FAILURE", "Authentication failed");
        String token;
        if (authorization.startsWith(ZOHO_PREFIX)) {
            token = authorization.substring(ZOHO_PREFIX.length()).strip();
        } else if (authorization.startsWith(BEARER_PREFIX)) {
            token = authorization.substring(BEARER_PREFIX.length()).strip();
        } else {
            return Reply.error(401, "AUTHENTICATION_FAILURE", "Authentication failed");
        }
        return tokens.isValid(token) ? null : FaultReplies.invalidToken();
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero()) Thread.sleep(duration.toMillis());
    }
}
