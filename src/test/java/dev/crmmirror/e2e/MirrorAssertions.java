package dev.crmmirror.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.mapping.FieldMapping;
import dev.crmmirror.mapping.ModuleMapping;
import dev.crmmirror.sandbox.SandboxModule;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a mirror table with the sandbox's truth, field by field, the way a user would check it by hand:
 * expected values are derived from Zoho's JSON here, independently of crm-mirror's mapper.
 */
final class MirrorAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final ModuleMapping mapping;
    private final SandboxModule module;

    MirrorAssertions(JdbcTemplate jdbc, ModuleMapping mapping, SandboxModule module) {
        this.jdbc = jdbc;
        this.mapping = mapping;
        this.module = module;
    }

    /** Every live record with every mapped value, every mirrored deletion marked, nothing else. */
    void equalsSandbox() {
        Map<String, Map<String, Object>> live = module.liveRecords();
        Map<String, Instant> deleted = module.deletedRecords();
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.queryForList("SELECT * FROM " + mapping.qualifiedTable()).forEach(r -> rows.put((String) r.get("id"), r));

        Set<String> liveInMirror = new HashSet<>();
        rows.forEach((id, r) -> {
            if (r.get("deleted_at") == null) {
                liveInMirror.add(id);
            }
        });
        Set<String> missing = new HashSet<>(live.keySet());
        missing.removeAll(liveInMirror);
        Set<String> stale = new HashSet<>(liveInMirror);
        stale.removeAll(live.keySet());
        assertThat(missing).as("live " + mapping.module() + " records missing from the mirror").isEmpty();
        assertThat(stale).as("mirror rows not marked deleted although Zoho no longer has them").isEmpty();
        rows.forEach((id, r) -> {
            if (r.get("deleted_at") != null) {
                assertThat(deleted).as("row %s is marked deleted", id).containsKey(id);
                assertThat(((Timestamp) r.get("deleted_at")).toInstant()).isEqualTo(deleted.get(id));
            }
        });

        List<String> mismatches = new ArrayList<>();
        live.forEach((id, record) -> compare(id, JSON.valueToTree(record), rows.get(id), mismatches));
        assertThat(mismatches).as("mirrored values that differ from Zoho's (" + mismatches.size() + ")")
                .isEmpty();
    }

    private void compare(String id, JsonNode record, Map<String, Object> row, List<String> mismatches) {
        check(id, "modified_time", instant(record.get("Modified_Time")), instant(row.get("modified_time")), mismatches);
        check(id, "created_time", instant(record.get("Created_Time")), instant(row.get("created_time")), mismatches);
        for (FieldMapping f : mapping.fields()) {
            JsonNode v = record.get(f.apiName());
            boolean empty = v == null || v.isNull();
            switch (f.type()) {
                case TEXT, PICKLIST -> check(id, f.column(), empty ? null : v.asText().strip(), row.get(f.column()), mismatches);
                case INTEGER, BIGINT -> check(id, f.column(), empty ? null : Long.parseLong(v.asText().strip()),
                        row.get(f.column()) == null ? null : ((Number) row.get(f.column())).longValue(), mismatches);
                case DECIMAL -> checkDecimal(id, f.column(), empty ? null : new BigDecimal(v.asText()), row.get(f.column()), mismatches);
                case CURRENCY -> checkDecimal(id, f.column(), empty ? null : new BigDecimal(v.asText()).setScale(2, RoundingMode.HALF_UP),
                        row.get(f.column()), mismatches);
                case BOOLEAN -> check(id, f.column(), empty ? null : Boolean.valueOf(v.asText()), row.get(f.column()), mismatches);
                case DATE -> check(id, f.column(), empty ? null : v.asText(), Objects.toString(row.get(f.column()), null), mismatches);
                case DATETIME -> check(id, f.column(), instant(v), instant(row.get(f.column())), mismatches);
                case MULTISELECT -> check(id, f.column(), empty ? null : items(v), array(row.get(f.column())), mismatches);
                case LOOKUP -> {
                    check(id, f.column() + "_id", empty ? null : v.path("id").asText(), row.get(f.column() + "_id"), mismatches);
                    check(id, f.column() + "_name", empty || v.path("name").isNull() ? null : v.path("name").asText().strip(),
                            row.get(f.column() + "_name"), mismatches);
                }
                case JSON -> check(id, f.column(), empty ? null : v, json(row.get(f.column())), mismatches);
            }
        }
    }

    private static void check(String id, String column, Object expected, Object actual, List<String> mismatches) {
        if (!Objects.equals(expected, actual) && mismatches.size() < 20) {
            mismatches.add(id + "." + column + ": expected <" + expected + "> but mirror has <" + actual + ">");
        }
    }

    private static void checkDecimal(String id, String column, BigDecimal expected, Object actual, List<String> mismatches) {
        boolean same = expected == null ? actual == null : actual != null && expected.compareTo((BigDecimal) actual) == 0;
        if (!same) {
            check(id, column, expected, actual, mismatches);
        }
    }

    private static Instant instant(Object v) {
        if (v instanceof JsonNode n) {
            return n.isNull() ? null : OffsetDateTime.parse(n.asText()).toInstant();
        }
        return v == null ? null : ((Timestamp) v).toInstant();
    }

    private static List<String> items(JsonNode v) {
        List<String> items = new ArrayList<>();
        v.forEach(item -> items.add((item.isObject() ? item.path("name").asText() : item.asText()).strip()));
        return items;
    }

    private static List<String> array(Object v) {
        try {
            return v == null ? null : List.of((String[]) ((Array) v).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Object v) {
        try {
            return v == null ? null : JSON.readTree(v.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
