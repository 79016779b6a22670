package dev.crmmirror.sandbox.data;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A stored record read through a schema: recomputes generated values on every read, so nothing goes stale. */
public final class RecordView implements RecordContext {
    /** Different API users see the same data in their own zones; records are spread over these. */
    private static final List<ZoneOffset> USER_OFFSETS = List.of(
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-7), ZoneOffset.UTC, ZoneOffset.ofHours(9),
            ZoneOffset.ofHours(-3), ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5), ZoneOffset.ofHours(10),
            ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHours(3));

    private final ModuleSchema schema;
    private final StoredRecord record;
    private final Directory directory;

    public RecordView(ModuleSchema schema, StoredRecord record, Directory directory) {
        this.schema = schema;
        this.record = record;
        this.directory = directory;
    }

    public StoredRecord record() { return record; }

    @Override public String id() { return record.id(); }
    @Override public long createdEpoch() { return record.createdEpoch(); }
    @Override public long modifiedEpoch() { return record.modifiedEpoch(); }
    @Override public Directory directory() { return directory; }

    @Override
    public ZoneOffset offset() {
        return USER_OFFSETS.get(Math.floorMod(record.seed(), USER_OFFSETS.size()));
    }

    @Override
    public Object value(String field) {
        Map<String, Object> overrides = record.overrides();
        if (overrides.containsKey(field)) return overrides.get(field);
        if (!record.generated()) return null;
        int position = schema.position(field);
        if (position < 0 || position >= record.width()) return null;
        return schema.fields().get(position).source().generate(this, fieldRandom(position));
    }

    /** Every field, in schema order, as Zoho JSON values; fields set outside the schema come last. */
    public Map<String, Object> toMap() {
        if (!record.generated()) return new LinkedHashMap<>(record.overrides());
        Map<String, Object> all = new LinkedHashMap<>();
        for (FieldSpec field : schema.fields()) {
            all.put(field.apiName(), value(field.apiName()));
        }
        record.overrides().forEach(all::putIfAbsent);
        return all;
    }

    /** Independent per field: neighbouring positions must not yield shifted copies of one stream. */
    private SplittableRandom fieldRandom(int position) {
        long z = record.seed() + (position + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
