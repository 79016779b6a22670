package dev.crmmirror.sandbox.data;

/**
 * Position in the (Modified_Time, id) order that keyset paging walks. A null key sorts before
 * every record with the same time, which makes it a lower bound for range scans.
 */
record SortKey(long epoch, String key) implements Comparable<SortKey> {
    @Override
    public int compareTo(SortKey other) {
        int byTime = Long.compare(epoch, other.epoch);
        if (byTime != 0) return byTime;
        if (key == null || other.key == null) return key == null ? (other.key == null ? 0 : -1) : 1;
        return IdOrder.INSTANCE.compare(key, other.key);
    }
}
