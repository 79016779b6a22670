package dev.crmmirror.sandbox.coql;

import java.util.Comparator;

/**
 * Inclusive range a column's value must lie in for a record to match, derived from the WHERE
 * tree so that a scan can start (and stop) in the right place of an index. Null means open.
 * Deliberately loose: the full condition is still tested on every scanned record.
 */
record Bounds<T>(T low, T high) {
    static <T> Bounds<T> all() {
        return new Bounds<>(null, null);
    }

    boolean isAll() {
        return low == null && high == null;
    }

    /** Both must hold (AND): the tighter of each end. */
    Bounds<T> intersect(Bounds<T> other, Comparator<T> order) {
        return new Bounds<>(pick(low, other.low, order, true), pick(high, other.high, order, false));
    }

    /** Either may hold (OR): the looser of each end; an open end stays open. */
    Bounds<T> hull(Bounds<T> other, Comparator<T> order) {
        return new Bounds<>(low == null || other.low == null ? null : pick(low, other.low, order, false),
                high == null || other.high == null ? null : pick(high, other.high, order, true));
    }

    private static <T> T pick(T a, T b, Comparator<T> order, boolean larger) {
        if (a == null) return b;
        if (b == null) return a;
        return (order.compare(a, b) >= 0) == larger ? a : b;
    }
}
