package dev.crmmirror.sandbox.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A module's live records, indexed by id and by (Modified_Time, id), plus its recycle bin. Guarded
 * by one read-write lock: every query sees a consistent state, and edits are rare next to reads.
 * Methods other than {@link #read} and {@link #write} must be called inside one of them.
 */
public final class RecordStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<String, StoredRecord> byId = new TreeMap<>(IdOrder.INSTANCE);
    private final NavigableMap<SortKey, StoredRecord> byModified = new TreeMap<>();
    private final NavigableMap<SortKey, DeletedRecord> deletions = new TreeMap<>(Comparator.reverseOrder());

    public <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> change) {
        lock.writeLock().lock();
        try {
            return change.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public StoredRecord get(String key) {
        assertLocked();
        return byId.get(key);
    }

    /** Adds the record, replacing the one with the same key. */
    public void put(StoredRecord record) {
        assertWriteLocked();
        StoredRecord previous = byId.put(record.key(), record);
        if (previous != null) byModified.remove(sortKey(previous));
        byModified.put(sortKey(record), record);
    }

    public StoredRecord remove(String key) {
        assertWriteLocked();
        StoredRecord removed = byId.remove(key);
        if (removed != null) byModified.remove(sortKey(removed));
        return removed;
    }

    public int size() {
        assertLocked();
        return byId.size();
    }

    /** Records in id order between two ids (inclusive, plain digits), either bound null for open. */
    public Collection<StoredRecord> idRange(String low, String high, boolean descending) {
        assertLocked();
        if (low != null && high != null && IdOrder.INSTANCE.compare(low, high) > 0) return List.of();
        NavigableMap<String, StoredRecord> range = byId;
        if (low != null) range = range.tailMap(low, true);
        if (high != null) range = range.headMap(high, true);
        return descending ? range.descendingMap().values() : range.values();
    }

    /** Records in (Modified_Time, id) order with Modified_Time between two epoch seconds, inclusive. */
    public Collection<StoredRecord> modifiedRange(long low, long high, boolean descending) {
        assertLocked();
        if (low > high) return List.of();
        NavigableMap<SortKey, StoredRecord> range = byModified.tailMap(new SortKey(low, null), true);
        if (high != Long.MAX_VALUE) range = range.headMap(new SortKey(high + 1, null), false);
        return descending ? range.descendingMap().values() : range.values();
    }

    /**
     * A random generated record, or null when there is none. Starts at a random id and walks on,
     * which is slightly biased by id gaps and fine for simulated activity.
     */
    public StoredRecord randomGenerated(SplittableRandom random) {
        assertLocked();
        String first = byId.ceilingKey("0");
        if (first == null) return null;
        String start = first;
        try {
            start = Long.toString(random.nextLong(Long.parseLong(first), Long.parseLong(byId.lastKey()) + 1));
        } catch (NumberFormatException tooLongForALong) {
            // ids stored by hand beyond 19 digits: start from the first id instead
        }
        for (StoredRecord record : byId.tailMap(start, true).values()) {
            if (record.generated()) return record;
        }
        for (StoredRecord record : byId.headMap(start, false).values()) {
            if (record.generated()) return record;
        }
        return null;
    }

    /** Forgets every record and deletion, as a fresh org. */
    public void clear() {
        assertWriteLocked();
        byId.clear();
        byModified.clear();
        deletions.clear();
    }

    public void addDeletion(DeletedRecord deletion) {
        assertWriteLocked();
        deletions.put(new SortKey(deletion.deletedEpoch(), deletion.id()), deletion);
    }

    /** Newest first. */
    public Collection<DeletedRecord> deletions() {
        assertLocked();
        return deletions.values();
    }

    private static SortKey sortKey(StoredRecord record) {
        return new SortKey(record.sortEpoch(), record.key());
    }

    private void assertLocked() {
        assert lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread() : "call inside read() or write()";
    }

    private void assertWriteLocked() {
        assert lock.isWriteLockedByCurrentThread() : "call inside write()";
    }
}
