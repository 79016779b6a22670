package dev.crmmirror.sandbox;

import java.time.Duration;
import java.time.Instant;

/** The sandbox's notion of now: drives record times, deletion times, token expiry and refresh throttling. */
public interface SandboxClock {
    /** Truncated to whole seconds, like every time Zoho reports. */
    Instant now();

    /** Freezes time at {@code t}. */
    void set(Instant t);

    /** Moves time forward; on system time, freezes it at system now + {@code d}. */
    void advance(Duration d);

    void useSystemTime();
}
