package dev.crmmirror.sandbox.data;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zoho-like record ids: 19-digit numbers, unique across the org and increasing with creation,
 * with irregular gaps as in real accounts.
 */
public final class IdSequence {
    private static final long FIRST = 5725767000000411000L;
    private final AtomicLong last = new AtomicLong(FIRST);

    public String next(SplittableRandom random) {
        return Long.toString(last.addAndGet(1 + random.nextInt(9)));
    }
}
