package dev.crmmirror.sandbox.data;

import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/** Makes and changes {@link StoredRecord}s; every change yields a new record. */
public final class Records {
    private static final String MODIFIED_TIME = "Modified_Time";

    private Records() { }

    /** A record whose values all derive from {@code seed}, one for each field the schema has now. */
    public static StoredRecord generated(String id, long seed, long createdEpoch, long modifiedEpoch,
                                         ModuleSchema schema, Directory directory) {
        return rendered(new StoredRecord(id, id, true, seed, schema.size(), createdEpoch, modifiedEpoch, modifiedEpoch,
                Map.of(), null), schema, directory);
    }

    /** Exactly these values; {@code internalKey} files a record that has no id. */
    public static StoredRecord verbatim(Map<String, Object> values, String internalKey) {
        Object id = values.get("id");
        String key = id == null ? internalKey : id.toString();
        return new StoredRecord(key, id == null ? null : key, false, 0, 0, 0, 0,
                epochOf(values.get(MODIFIED_TIME)), frozen(values), null);
    }

    /**
     * The record with these values set. Modified_Time becomes {@code nowEpoch} unless the changes
     * set it themselves (to serve stale data); {@code width} lets new custom fields get values.
     * User-entered fields keep their values even when generated from fields that change (an
     * e-mail address does not follow an edited last name); system fields are recomputed.
     */
    public static StoredRecord changed(StoredRecord record, Map<String, Object> changes, long nowEpoch, int width,
                                       ModuleSchema schema, Directory directory) {
        Map<String, Object> values = new LinkedHashMap<>(record.overrides());
        values.putAll(changes);
        boolean explicitTime = changes.containsKey(MODIFIED_TIME);
        if (!record.generated()) {
            if (!explicitTime) values.put(MODIFIED_TIME, ZohoTime.format(nowEpoch, ZoneOffset.UTC));
            return verbatim(values, record.key());
        }
        if (!explicitTime) values.remove(MODIFIED_TIME);
        long sortEpoch = explicitTime ? epochOf(changes.get(MODIFIED_TIME)) : nowEpoch;
        // derived values need created <= modified, also when stale data claims otherwise
        long modifiedEpoch = sortEpoch == Long.MIN_VALUE ? record.modifiedEpoch() : Math.max(sortEpoch, record.createdEpoch());
        StoredRecord changed = new StoredRecord(record.key(), record.id(), true, record.seed(),
                Math.max(width, record.width()), record.createdEpoch(), modifiedEpoch, sortEpoch, frozen(values), null);
        RecordView before = new RecordView(schema, record, directory);
        RecordView after = new RecordView(schema, changed, directory);
        boolean pinned = false;
        for (FieldSpec field : schema.fields().subList(0, record.width())) {
            String name = field.apiName();
            if (field.editable() && !values.containsKey(name) && !Objects.equals(before.value(name), after.value(name))) {
                values.put(name, before.value(name));
                pinned = true;
            }
        }
        return rendered(pinned ? new StoredRecord(record.key(), record.id(), true, record.seed(), changed.width(),
                record.createdEpoch(), modifiedEpoch, sortEpoch, frozen(values), null) : changed, schema, directory);
    }

    /**
     * What a user might change: one to three editable fields get a different value (fields whose
     * draw repeats the old value, like a rarely set flag, are passed over), and Modified_By
     * becomes a random user.
     */
    public static Map<String, Object> randomChanges(RecordView record, ModuleSchema schema, SplittableRandom random) {
        List<FieldSpec> editable = schema.fields().stream().filter(FieldSpec::editable).toList();
        Map<String, Object> changes = new LinkedHashMap<>();
        int wanted = 1 + random.nextInt(3);
        for (int draw = 0; changes.size() < wanted && draw < 50; draw++) {
            FieldSpec field = Draw.pick(random, editable);
            Object value = field.source().generate(record, new SplittableRandom(random.nextLong()));
            if (!changes.containsKey(field.apiName()) && !Objects.equals(value, record.value(field.apiName()))) {
                changes.put(field.apiName(), value);
            }
        }
        changes.put("Modified_By", record.directory().pick(EntityKind.USER, random).lookupValue());
        return changes;
    }

    /** The recycle-bin entry for a record deleted now by a random user. */
    public static DeletedRecord recycled(RecordView record, ModuleSchema schema, long nowEpoch,
                                         SplittableRandom random) {
        Object name = record.value(schema.displayField());
        @SuppressWarnings("unchecked")
        Map<String, Object> createdBy = record.value("Created_By") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : null;
        return new DeletedRecord(record.id(), name == null ? null : name.toString(), "recycle",
                record.directory().pick(EntityKind.USER, random).lookupValue(), createdBy, nowEpoch, record.offset());
    }

    /**
     * The generated record with its values rendered as JSON over the whole schema: fields beyond its width
     * render as what they read today (null, or a value set by an edit), which is what they will read later.
     */
    private static StoredRecord rendered(StoredRecord record, ModuleSchema schema, Directory directory) {
        RecordJson json = RecordJson.render(new RecordView(schema, record, directory), schema.fields());
        return new StoredRecord(record.key(), record.id(), true, record.seed(), record.width(), record.createdEpoch(),
                record.modifiedEpoch(), record.sortEpoch(), record.overrides(), json);
    }

    /** Modified_Time as epoch seconds, or {@link Long#MIN_VALUE} when missing or unreadable. */
    private static long epochOf(Object modifiedTime) {
        if (!(modifiedTime instanceof String text)) return Long.MIN_VALUE;
        try {
            return ZohoTime.parseLenient(text);
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Unmodifiable yet null-tolerant, unlike Map.copyOf: Zoho records are full of nulls. */
    private static Map<String, Object> frozen(Map<String, Object> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
