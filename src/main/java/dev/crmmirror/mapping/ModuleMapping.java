package dev.crmmirror.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's mapping file, the single source of truth for its mirror: the COQL select list, the table's
 * columns (hence its DDL) and the upsert statement are all derived from here.
 *
 * <p>Every mirror row is laid out as {@link #dataColumns()}: {@code id}, the mapped columns in file order,
 * then {@code custom_fields}, {@code created_time}, {@code modified_time}. The writer adds the bookkeeping
 * columns ({@code deleted_at}, {@code synced_at}, {@code run_id}).
 */
public final class ModuleMapping {

    public static final String SCHEMA = "zoho";
    public static final String ID = "id";
    public static final String CREATED_TIME = "Created_Time";
    public static final String MODIFIED_TIME = "Modified_Time";

    private final String module;
    private final String table;
    private final List<FieldMapping> fields;
    private final List<String> customFields;
    private final Path source;
    private final Map<String, Placed> byApiName = new HashMap<>();
    private final List<Column> dataColumns = new ArrayList<>();
    private final List<String> selectFields = new ArrayList<>();

    public ModuleMapping(String module, String table, List<FieldMapping> fields, List<String> customFields, Path source) {
        this.module = module;
        this.table = table;
        this.fields = List.copyOf(fields);
        this.customFields = List.copyOf(customFields);
        this.source = source;
        dataColumns.add(new Column("id", "text"));
        for (FieldMapping f : this.fields) {
            byApiName.put(f.apiName(), new Placed(f, dataColumns.size()));
            dataColumns.addAll(f.columns());
        }
        dataColumns.add(new Column("custom_fields", "jsonb"));
        dataColumns.add(new Column("created_time", "timestamptz"));
        dataColumns.add(new Column("modified_time", "timestamptz"));
        selectFields.add(CREATED_TIME);
        selectFields.add(MODIFIED_TIME);
        this.fields.forEach(f -> selectFields.add(f.apiName()));
        selectFields.addAll(this.customFields);
    }

    public String module() {
        return module;
    }

    public String table() {
        return table;
    }

    public String qualifiedTable() {
        return SCHEMA + "." + table;
    }

    public List<FieldMapping> fields() {
        return fields;
    }

    /** Zoho fields selected into {@code custom_fields} without a column of their own. */
    public List<String> customFields() {
        return customFields;
    }

    /** The mapping file this came from, for messages that tell the user what to edit. */
    public Path source() {
        return source;
    }

    /**
     * A mapped field and where its (first) column sits in a row of {@link #dataColumns()}: one lookup per field of
     * every record the mapper reads.
     */
    public record Placed(FieldMapping field, int column) {
    }

    /** The field's mapping and column; null when the mapping does not know it. */
    public Placed placed(String apiName) {
        return byApiName.get(apiName);
    }

    public FieldMapping field(String apiName) {
        Placed placed = byApiName.get(apiName);
        return placed == null ? null : placed.field();
    }

    public List<Column> dataColumns() {
        return Collections.unmodifiableList(dataColumns);
    }

    /** The mirror table's columns: the data columns plus the bookkeeping ones. */
    public List<Column> tableColumns() {
        List<Column> all = new ArrayList<>(dataColumns);
        all.add(new Column("deleted_at", "timestamptz"));
        all.add(new Column("synced_at", "timestamptz"));
        all.add(new Column("run_id", "uuid"));
        return all;
    }

    /** The COQL select list (Zoho returns {@code id} without being asked). */
    public List<String> selectFields() {
        return Collections.unmodifiableList(selectFields);
    }

    public int customFieldsIndex() {
        return dataColumns.size() - 3;
    }

    public int createdTimeIndex() {
        return dataColumns.size() - 2;
    }

    public int modifiedTimeIndex() {
        return dataColumns.size() - 1;
    }
}
