package dev.crmmirror.sandbox;

import dev.crmmirror.sandbox.data.DataType;
import dev.crmmirror.sandbox.data.DeletedRecord;
import dev.crmmirror.sandbox.data.Directory;
import dev.crmmirror.sandbox.data.IdSequence;
import dev.crmmirror.sandbox.data.ModuleSchema;
import dev.crmmirror.sandbox.data.RecordStore;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.Records;
import dev.crmmirror.sandbox.data.StandardModules;
import dev.crmmirror.sandbox.data.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * One CRM module's data: what tests, the demo activity and the HTTP API read and change.
 * Thread-safe; every change is atomic with respect to queries.
 */
public final class SandboxModule {
    private static final long HISTORY = Duration.ofDays(730).toSeconds();
    /** The share of generated records never touched after creation. */
    private static final double UNTOUCHED = 0.35;

    private final Directory directory;
    private final IdSequence ids;
    private final SandboxClock clock;
    private final RecordStore store = new RecordStore();
    private final AtomicLong keyless = new AtomicLong();
    /** Used only while holding the store's write lock. */
    private final SplittableRandom random;
    private final ModuleSchema standardSchema;
    private volatile ModuleSchema schema;

    SandboxModule(ModuleSchema schema, Directory directory, IdSequence ids, SandboxClock clock, long seed) {
        this.standardSchema = schema;
        this.schema = schema;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
    }

    public String apiName() { return schema.module(); }

    public List<FieldDef> fields() {
        return schema.fields().stream()
                .map(f -> new FieldDef(f.apiName(), f.type().apiName(), f.type().jsonType(), f.custom(), f.type().length()))
                .toList();
    }

    /** A custom field appears (schema drift); records created or randomly edited from now on get values for it. */
    public void addField(String apiName, String dataType) {
        if (apiName == null || !apiName.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a Zoho API name: " + apiName);
        }
        DataType type = DataType.forApiName(dataType);
        store.write(() -> {
            if (schema.field(apiName) != null) throw new IllegalArgumentException(apiName() + " already has " + apiName);
            schema = schema.with(StandardModules.customField(apiName, type));
            return null;
        });
    }

    /** Records created over the past two years up to now, some modified since; ids in creation order. */
    public List<String> generate(int count) {
        long now = nowEpoch();
        return insert(count, createdTimes -> {
            for (int i = 0; i < count; i++) createdTimes[i] = random.nextLong(now - HISTORY, now + 1);
        }, created -> random.nextDouble() < UNTOUCHED ? created : random.nextLong(created, now + 1));
    }

    /** A bulk import: every record has exactly this Modified_Time, the case that breaks naive keyset paging. */
    public List<String> generateBurst(int count, Instant modifiedTime) {
        long modified = modifiedTime.getEpochSecond();
        return insert(count, createdTimes -> {
            for (int i = 0; i < count; i++) createdTimes[i] = random.nextLong(modified - HISTORY, modified + 1);
        }, created -> modified);
    }

    /** New records created now. */
    public List<String> create(int count) {
        long now = nowEpoch();
        return insert(count, createdTimes -> Arrays.fill(createdTimes, now), created -> now);
    }

    /** Changes one to three fields of random live records, as users do; Modified_Time becomes now. */
    public List<String> editRandom(int count) {
        requireCount(count);
        long now = nowEpoch();
        return store.write(() -> {
            List<String> edited = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StoredRecord record = store.randomGenerated(random);
                if (record == null) break;
                Map<String, Object> changes = Records.randomChanges(view(record), schema, random);
                store.put(Records.changed(record, changes, now, schema.size(), schema, directory));
                edited.add(record.id());
            }
            return edited;
        });
    }

    /** Sets these fields (Zoho JSON values); Modified_Time becomes now unless the changes contain Modified_Time. */
    public void edit(String id, Map<String, Object> changes) {
        long now = nowEpoch();
        store.write(() -> {
            StoredRecord record = live(id);
            store.put(Records.changed(record, changes, now, record.width(), schema, directory));
            return null;
        });
    }

    /** Moves random live records to the recycle bin, deleted now. */
    public List<String> deleteRandom(int count) {
        requireCount(count);
        long now = nowEpoch();
        return store.write(() -> {
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StoredRecord record = store.randomGenerated(random);
                if (record == null) break;
                recycle(record, now);
                deleted.add(record.id());
            }
            return deleted;
        });
    }

    public void delete(String id) {
        long now = nowEpoch();
        store.write(() -> {
            recycle(live(id), now);
            return null;
        });
    }

    /**
     * Stores exactly this record, replacing a live one with the same id: for serving malformed or
     * stale data. A record without "id" is kept under an internal key and served without an id.
     */
    public void put(Map<String, Object> record) {
        store.write(() -> {
            store.put(Records.verbatim(record, "#keyless-" + keyless.incrementAndGet()));
            return null;
        });
    }

    /** Snapshot, in id order: id (or internal key) → every field as Zoho JSON values, lookups as COQL shows them. */
    public Map<String, Map<String, Object>> liveRecords() {
        return store.read(() -> {
            Map<String, Map<String, Object>> records = new LinkedHashMap<>();
            for (StoredRecord record : store.idRange(null, null, false)) {
                records.put(record.key(), view(record).toMap());
            }
            return records;
        });
    }

    /** Snapshot: id → deleted_time, the latest deletion when an id was deleted more than once. */
    public Map<String, Instant> deletedRecords() {
        return store.read(() -> {
            Map<String, Instant> deleted = new LinkedHashMap<>();
            for (DeletedRecord deletion : store.deletions()) {
                deleted.putIfAbsent(deletion.id(), Instant.ofEpochSecond(deletion.deletedEpoch()));
            }
            return deleted;
        });
    }

    public int size() {
        return store.read(store::size);
    }

    /** Back to an empty module with the standard fields, for the next test. */
    void clear() {
        store.write(() -> {
            store.clear();
            schema = standardSchema;
            return null;
        });
    }

    ModuleSchema schema() { return schema; }

    RecordStore store() { return store; }

    /**
     * Inserts {@code count} generated records. Creation times are drawn, then sorted, so that ids
     * increase with Created_Time as they do at Zoho.
     */
    private List<String> insert(int count, Consumer<long[]> drawCreated, LongUnaryOperator modifiedFor) {
        requireCount(count);
        return store.write(() -> {
            long[] created = new long[count];
            drawCreated.accept(created);
            Arrays.sort(created);
            List<String> inserted = new ArrayList<>(count);
            for (long createdEpoch : created) {
                String id = ids.next(random);
                store.put(Records.generated(id, random.nextLong(), createdEpoch, modifiedFor.applyAsLong(createdEpoch),
                        schema, directory));
                inserted.add(id);
            }
            return inserted;
        });
    }

    private void recycle(StoredRecord record, long now) {
        store.remove(record.key());
        store.addDeletion(Records.recycled(view(record), schema, now, random));
    }

    private StoredRecord live(String id) {
        StoredRecord record = store.get(id);
        if (record == null) throw new IllegalArgumentException(apiName() + " has no live record " + id);
        return record;
    }

    private RecordView view(StoredRecord record) {
        return new RecordView(schema, record, directory);
    }

    private long nowEpoch() {
        return clock.now().getEpochSecond();
    }

    private static void requireCount(int count) {
        if (count < 0) throw new IllegalArgumentException("count must not be negative");
    }
}
