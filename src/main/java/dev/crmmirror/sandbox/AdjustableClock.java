package dev.crmmirror.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** System time until a test sets or advances it. */
final class AdjustableClock implements SandboxClock {
    /** Null while following system time. */
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    @Override
    public Instant now() {
        Instant t = frozen.get();
        return (t == null ? Instant.now() : t).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void set(Instant t) {
        frozen.set(t);
    }

    @Override
    public void advance(Duration d) {
        frozen.updateAndGet(t -> (t == null ? Instant.now() : t).plus(d));
    }

    @Override
    public void useSystemTime() {
        frozen.set(null);
    }
}
