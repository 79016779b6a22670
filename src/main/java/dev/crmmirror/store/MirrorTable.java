package dev.crmmirror.store;

import dev.crmmirror.mapping.Column;
import dev.crmmirror.mapping.ModuleMapping;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.crmmirror.mapping.Names.quote;

/**
 * The SQL of one module's mirror table, all derived from its mapping: DDL, the staging table the writer
 * COPYs into, the upsert from it, and deletion marking. Identifiers are always quoted.
 */
final class MirrorTable {

    /** How PostgreSQL's format_type() spells the types the mapping uses. */
    private static final Map<String, String> CATALOG_NAMES = Map.of("timestamptz", "timestamp with time zone");

    private final ModuleMapping mapping;
    private final String table;

    MirrorTable(ModuleMapping mapping) {
        this.mapping = mapping;
        this.table = quote(ModuleMapping.SCHEMA) + "." + quote(mapping.table());
    }

    String qualifiedName() {
        return table;
    }

    String createTable() {
        String columns = mapping.tableColumns().stream().map(c -> quote(c.name()) + " " + c.sqlType() + constraint(c))
                .collect(Collectors.joining(",\n  "));
        return "CREATE TABLE IF NOT EXISTS " + table + " (\n  " + columns + "\n)";
    }

    private static String constraint(Column c) {
        return switch (c.name()) {
            case "id" -> " PRIMARY KEY";
            case "modified_time", "synced_at", "run_id" -> " NOT NULL";
            default -> "";
        };
    }

    List<String> createIndexes() {
        return List.of(
                "CREATE INDEX IF NOT EXISTS " + quote(indexName("modified_time")) + " ON " + table + " (" + quote("modified_time") + ")",
                "CREATE INDEX IF NOT EXISTS " + quote(indexName("custom_fields")) + " ON " + table + " USING gin (" + quote("custom_fields") + ")");
    }

    String addColumn(Column c) {
        return "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + quote(c.name()) + " " + c.sqlType();
    }

    static String catalogName(String sqlType) {
        return CATALOG_NAMES.getOrDefault(sqlType, sqlType);
    }

    /**
     * A session-local staging table of the data columns, emptied at each commit. Its name carries a hash of
     * the column list, so a pooled connection never reuses a staging table from before a mapping change.
     */
    String stageName() {
        String signature = mapping.dataColumns().stream().map(c -> c.name() + ":" + c.sqlType()).collect(Collectors.joining(","));
        String table = mapping.table().length() > 40 ? mapping.table().substring(0, 40) : mapping.table();
        return "stage_" + table + "_" + Integer.toHexString(signature.hashCode());
    }

    String createStage() {
        String columns = mapping.dataColumns().stream().map(c -> quote(c.name()) + " " + c.sqlType()).collect(Collectors.joining(", "));
        return "CREATE TEMP TABLE IF NOT EXISTS " + quote(stageName()) + " (" + columns + ") ON COMMIT DELETE ROWS";
    }

    String copyIntoStage() {
        return "COPY " + quote(stageName()) + " (" + dataColumnList() + ") FROM STDIN";
    }

    /** Straight into the mirror table: the data columns, then synced_at and run_id (deleted_at stays null). */
    String copyIntoTable() {
        return "COPY " + table + " (" + dataColumnList() + ", \"synced_at\", \"run_id\") FROM STDIN";
    }

    String clearStage() {
        return "TRUNCATE " + quote(stageName());
    }

    /**
     * Stamps run_id (parameter 1) and synced_at. A version replaces the row only if it is newer, or as old
     * but different: a replayed or older version never overwrites a newer row, a second edit within the same
     * second (Modified_Time has whole seconds) still lands, and re-reading an unchanged record (the overlap
     * window) writes nothing. A record Zoho returns is live, so deleted_at is cleared. DISTINCT ON guards
     * against one id twice in a batch.
     */
    String upsert() {
        String data = dataColumnList();
        List<String> columns = mapping.dataColumns().stream().map(Column::name).filter(c -> !c.equals("id")).toList();
        String updates = columns.stream().map(c -> quote(c) + " = excluded." + quote(c)).collect(Collectors.joining(", "));
        String current = columns.stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", "));
        String incoming = columns.stream().map(c -> "excluded." + quote(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " AS t (" + data + ", \"deleted_at\", \"synced_at\", \"run_id\")\n"
                + "SELECT DISTINCT ON (\"id\") " + data + ", NULL, now(), ?::uuid FROM " + quote(stageName())
                + " ORDER BY \"id\", \"modified_time\" DESC\n"
                + "ON CONFLICT (\"id\") DO UPDATE SET " + updates
                + ", \"deleted_at\" = NULL, \"synced_at\" = excluded.\"synced_at\", \"run_id\" = excluded.\"run_id\"\n"
                + "WHERE excluded.\"modified_time\" > t.\"modified_time\"\n"
                + "   OR (excluded.\"modified_time\" = t.\"modified_time\" AND ((" + current + ", t.\"deleted_at\") IS DISTINCT FROM (" + incoming + ", NULL)))";
    }

    /** Parameters: ids text[], deletion times timestamptz[]. A version edited after its deletion time stays live. */
    String markDeleted() {
        return "UPDATE " + table + " AS t SET \"deleted_at\" = d.deleted_time, \"synced_at\" = now()"
                + " FROM unnest(?::text[], ?::timestamptz[]) AS d(id, deleted_time)"
                + " WHERE t.\"id\" = d.id AND t.\"deleted_at\" IS NULL AND t.\"modified_time\" <= d.deleted_time";
    }

    private String dataColumnList() {
        return mapping.dataColumns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }

    private String indexName(String column) {
        String name = mapping.table() + "_" + column + "_idx";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
