package dev.crmmirror.zoho;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in COQL's {@code ORDER BY Modified_Time, id} order. Paging continues strictly after it, which is
 * how a sync gets past the 100,000-row OFFSET ceiling and through bulk imports that share one Modified_Time.
 */
public record Cursor(Instant modifiedTime, String id) {

    public Cursor {
        Objects.requireNonNull(modifiedTime, "modifiedTime");
        Objects.requireNonNull(id, "id");
    }

    /** Order as COQL sorts: Modified_Time, then id as the number it is (ids are digit strings). */
    public boolean isAfter(Cursor other) {
        int byTime = modifiedTime.compareTo(other.modifiedTime);
        if (byTime != 0) {
            return byTime > 0;
        }
        return id.length() != other.id.length() ? id.length() > other.id.length() : id.compareTo(other.id) > 0;
    }
}
