package dev.crmmirror.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** Failures to inject into the sandbox's answers; queued faults come before chaos. */
public final class Faults {
    private final Deque<Fault> queued = new ArrayDeque<>();
    private final Deque<TokenFault> queuedToken = new ArrayDeque<>();
    private double chaosProbability;
    private SplittableRandom chaosRandom = new SplittableRandom();
    private List<Fault> chaosKinds = List.of();
    private volatile Duration latency = Duration.ZERO;

    Faults() { }

    /** The next {@code times} CRM API requests (coql, deleted, settings) get this fault instead of the real answer. */
    public synchronized void failNext(int times, Fault fault) {
        requireTimes(times);
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) queued.add(fault);
    }

    /** The next {@code times} token requests get this fault. */
    public synchronized void failNextToken(int times, TokenFault fault) {
        requireTimes(times);
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) queuedToken.add(fault);
    }

    /** Every CRM API request fails with this probability, the kind chosen uniformly by a seeded random. */
    public synchronized void chaos(double probability, long seed, Fault... kinds) {
        if (probability < 0 || probability > 1) throw new IllegalArgumentException("probability must be in [0, 1]");
        if (probability > 0 && kinds.length == 0) throw new IllegalArgumentException("chaos needs at least one fault kind");
        chaosProbability = probability;
        chaosRandom = new SplittableRandom(seed);
        chaosKinds = List.of(kinds);
    }

    /** Added before answering each CRM API request (it holds a concurrency slot meanwhile). */
    public void latency(Duration perRequest) {
        if (perRequest.isNegative()) throw new IllegalArgumentException("latency must not be negative");
        latency = perRequest;
    }

    public synchronized void clear() {
        queued.clear();
        queuedToken.clear();
        chaosProbability = 0;
        chaosKinds = List.of();
        latency = Duration.ZERO;
    }

    /** The fault for the CRM API request being answered, or null. */
    synchronized Fault nextApiFault() {
        Fault fault = queued.poll();
        if (fault != null || chaosProbability == 0) return fault;
        return chaosRandom.nextDouble() < chaosProbability
                ? chaosKinds.get(chaosRandom.nextInt(chaosKinds.size())) : null;
    }

    /** The fault for the token request being answered, or null. */
    synchronized TokenFault nextTokenFault() {
        return queuedToken.poll();
    }

    Duration latency() {
        return latency;
    }

    private static void requireTimes(int times) {
        if (times < 0) throw new IllegalArgumentException("times must not be negative");
    }
}
