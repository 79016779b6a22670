package dev.crmmirror.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts CRM API requests in flight; past the limit, Zoho refuses instead of queueing. */
final class ConcurrencyGate {
    private final int limit;
    private final SandboxStats stats;
    private final AtomicInteger inFlight = new AtomicInteger();

    ConcurrencyGate(int limit, SandboxStats stats) {
        this.limit = limit;
        this.stats = stats;
    }

    /** True when admitted; the caller must then {@link #exit()}. */
    boolean tryEnter() {
        int now = inFlight.incrementAndGet();
        if (now > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        stats.observeConcurrency(now);
        return true;
    }

    void exit() {
        inFlight.decrementAndGet();
    }
}
