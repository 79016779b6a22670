package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.Directory;
import dev.crmmirror.sandbox.data.IdOrder;
import dev.crmmirror.sandbox.data.RecordStore;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.StoredRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs a compiled query against a module's store. When an index already has the requested order,
 * it walks that index from the bound the WHERE clause allows and stops at the first record past
 * offset + limit, so a keyset page costs the same at record 10 as at record 1,000,000.
 */
public final class QueryExecutor {
    private QueryExecutor() { }

    public static QueryResult execute(CompiledQuery query, RecordStore store, Directory directory) {
        return store.read(() -> switch (query.plan()) {
            case ID_ASC -> firstMatches(query, byId(query, store, false), directory);
            case ID_DESC -> firstMatches(query, byId(query, store, true), directory);
            case MODIFIED_ASC -> firstMatches(query, byModified(query, store, false), directory);
            case MODIFIED_DESC -> firstMatches(query, byModified(query, store, true), directory);
            case SORTED -> sorted(query, query.modifiedBounds().isAll()
                    ? byId(query, store, false) : byModified(query, store, false), directory);
        });
    }

    private static Collection<StoredRecord> byId(CompiledQuery query, RecordStore store, boolean descending) {
        BigInteger low = query.idBounds().low();
        BigInteger high = query.idBounds().high();
        // only plain non-negative ids can satisfy a comparison on id
        if (high != null && high.signum() < 0) return List.of();
        return store.idRange(low == null || low.signum() <= 0 ? null : low.toString(),
                high == null ? null : high.toString(), descending);
    }

    private static Collection<StoredRecord> byModified(CompiledQuery query, RecordStore store, boolean descending) {
        Long low = query.modifiedBounds().low();
        Long high = query.modifiedBounds().high();
        return store.modifiedRange(low == null ? Long.MIN_VALUE : low, high == null ? Long.MAX_VALUE : high, descending);
    }

    private static QueryResult firstMatches(CompiledQuery query, Collection<StoredRecord> candidates,
                                            Directory directory) {
        List<RecordView> rows = new ArrayList<>();
        int skipped = 0;
        for (StoredRecord candidate : candidates) {
            RecordView record = new RecordView(query.schema(), candidate, directory);
            if (!query.filter().test(record)) continue;
            if (skipped < query.offset()) {
                skipped++;
            } else if (rows.size() == query.limit()) {
                return new QueryResult(rows, true);
            } else {
                rows.add(record);
            }
        }
        return new QueryResult(rows, false);
    }

    /** Any other ORDER BY: keeps the best offset + limit + 1 matches in a heap, then sorts them. */
    private static QueryResult sorted(CompiledQuery query, Collection<StoredRecord> candidates, Directory directory) {
        Comparator<SortRow> order = order(query.sortKeys());
        int keep = query.offset() + query.limit() + 1;
        PriorityQueue<SortRow> best = new PriorityQueue<>(order.reversed());
        for (StoredRecord candidate : candidates) {
            RecordView record = new RecordView(query.schema(), candidate, directory);
            if (!query.filter().test(record)) continue;
            best.add(SortRow.of(record, query.sortKeys()));
            if (best.size() > keep) best.poll();
        }
        List<SortRow> ordered = new ArrayList<>(best);
        ordered.sort(order);
        List<RecordView> rows = ordered.stream().skip(query.offset()).limit(query.limit()).map(SortRow::record).toList();
        return new QueryResult(rows, ordered.size() > query.offset() + query.limit());
    }

    /** ORDER BY columns in turn, empty values first when ascending, ties by id ascending. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Comparator<SortRow> order(List<CompiledQuery.SortKey> sortKeys) {
        Comparator<SortRow> order = (a, b) -> 0;
        for (int i = 0; i < sortKeys.size(); i++) {
            int position = i;
            Comparator<Comparable> values = Comparator.nullsFirst(Comparator.naturalOrder());
            Comparator<SortRow> byKey = (a, b) -> values.compare(a.keys()[position], b.keys()[position]);
            order = order.thenComparing(sortKeys.get(i).descending() ? byKey.reversed() : byKey);
        }
        return order.thenComparing(row -> row.record().record().key(), IdOrder.INSTANCE);
    }

    @SuppressWarnings("rawtypes")
    private record SortRow(RecordView record, Comparable[] keys) {
        static SortRow of(RecordView record, List<CompiledQuery.SortKey> sortKeys) {
            Comparable[] keys = new Comparable[sortKeys.size()];
            for (int i = 0; i < keys.length; i++) {
                Column column = sortKeys.get(i).column();
                keys[i] = ValueKeys.ofValue(column.kind(), column.value(record));
            }
            return new SortRow(record, keys);
        }
    }
}
