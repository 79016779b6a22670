package dev.crmmirror.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sandbox has been asked, since start or {@link #reset()}: for tests that check a client
 * stays within Zoho's budgets.
 */
public final class SandboxStats {
    private static final int KEPT_QUERIES = 100;

    private final LongAdder requests = new LongAdder();
    private final LongAdder coqlCalls = new LongAdder();
    private final LongAdder coqlCredits = new LongAdder();
    private final LongAdder deletedCalls = new LongAdder();
    private final LongAdder tokenRefreshes = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final Map<String, LongAdder> coqlByModule = new ConcurrentHashMap<>();
    private final Map<Fault, LongAdder> faults = new ConcurrentHashMap<>();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Deque<String> lastQueries = new ArrayDeque<>();

    SandboxStats() { }

    /** CRM API requests (coql, deleted, settings), whatever their answer; token requests not included. */
    public long requests() { return requests.sum(); }

    /** COQL requests that reached the query engine, valid or not. */
    public long coqlCalls() { return coqlCalls.sum(); }

    /** COQL requests against this module that compiled. */
    public long coqlCalls(String module) {
        LongAdder calls = coqlByModule.get(module);
        return calls == null ? 0 : calls.sum();
    }

    /** Credits Zoho would charge for the answered COQL calls: 1, 2 or 3 by LIMIT tier. */
    public long coqlCredits() { return coqlCredits.sum(); }

    public long deletedCalls() { return deletedCalls.sum(); }

    /** Requests to the token endpoint, refused and faulted ones included. */
    public long tokenRefreshes() { return tokenRefreshes.sum(); }

    /** CRM API requests refused with 401 for a missing, unknown, expired or revoked token (not injected faults). */
    public long unauthorized() { return unauthorized.sum(); }

    /** Injected CRM API faults (token faults are not counted). */
    public long faultsInjected() {
        return faults.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every kind, zero included. */
    public Map<Fault, Long> faultsByKind() {
        Map<Fault, Long> byKind = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            LongAdder count = faults.get(fault);
            byKind.put(fault, count == null ? 0 : count.sum());
        }
        return byKind;
    }

    /** Most CRM API requests ever admitted at the same time. */
    public int maxConcurrent() { return maxConcurrent.get(); }

    /** The last 100 select_query strings received, oldest first. */
    public List<String> lastQueries() {
        synchronized (lastQueries) {
            return new ArrayList<>(lastQueries);
        }
    }

    public void reset() {
        for (LongAdder counter : List.of(requests, coqlCalls, coqlCredits, deletedCalls, tokenRefreshes, unauthorized)) {
            counter.reset();
        }
        coqlByModule.clear();
        faults.clear();
        maxConcurrent.set(0);
        synchronized (lastQueries) {
            lastQueries.clear();
        }
    }

    void countRequest() { requests.increment(); }

    void countCoqlCall(String query) {
        coqlCalls.increment();
        synchronized (lastQueries) {
            if (lastQueries.size() == KEPT_QUERIES) lastQueries.removeFirst();
            lastQueries.addLast(query);
        }
    }

    void countCoqlAnswer(String module, int credits) {
        coqlByModule.computeIfAbsent(module, m -> new LongAdder()).increment();
        coqlCredits.add(credits);
    }

    void countDeletedCall() { deletedCalls.increment(); }

    void countTokenRequest() { tokenRefreshes.increment(); }

    void countUnauthorized() { unauthorized.increment(); }

    void countFault(Fault fault) { faults.computeIfAbsent(fault, f -> new LongAdder()).increment(); }

    void observeConcurrency(int inFlight) { maxConcurrent.accumulateAndGet(inFlight, Math::max); }
}
