package dev.crmmirror.zoho;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds COQL select queries that respect COQL's rules: a WHERE is always present, every and/or joins
 * exactly two bracketed operands (COQL rejects {@code A and B and C}), field names that are SQL keywords
 * are quoted, and every literal is escaped or validated, so no value from Zoho or from configuration can
 * change a query's meaning.
 */
public final class Coql {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern RECORD_ID = Pattern.compile("[0-9]{1,30}");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "order", "by", "group", "limit", "offset", "and",
            "or", "not", "in", "is", "null", "like", "between", "asc", "desc", "as", "external", "true", "false");

    /** {@code ORDER BY Modified_Time, id}: the order in which a sync pages, and the order of its cursor. */
    public static final String KEYSET_ORDER = "Modified_Time asc, id asc";

    private Coql() {
    }

    /** A WHERE condition; composite conditions render fully bracketed. */
    public sealed interface Criteria permits Leaf, Pair {
        String render();
    }

    private record Leaf(String text) implements Criteria {
        @Override
        public String render() {
            return text;
        }
    }

    private record Pair(Criteria left, String op, Criteria right) implements Criteria {
        @Override
        public String render() {
            return "(" + left.render() + " " + op + " " + right.render() + ")";
        }
    }

    public static String select(List<String> fields, String module, Criteria where, String orderBy, int limit) {
        if (limit < 1 || limit > 2000) {
            throw new IllegalArgumentException("COQL LIMIT must be 1..2000, got " + limit);
        }
        String columns = fields.stream().map(Coql::field).collect(Collectors.joining(", "));
        return "select " + columns + " from " + module(module) + " where " + where.render()
                + (orderBy == null ? "" : " order by " + orderBy) + " limit " + limit;
    }

    public static Criteria and(Criteria a, Criteria b) {
        return new Pair(a, "and", b);
    }

    public static Criteria or(Criteria a, Criteria b) {
        return new Pair(a, "or", b);
    }

    public static Criteria isNotNull(String field) {
        return new Leaf(field(field) + " is not null");
    }

    /** {@code field op 'datetime'}; {@code op} is one of = != < <= > >=. */
    public static Criteria compare(String field, String op, Instant value) {
        return new Leaf(field(field) + " " + operator(op) + " " + datetime(value));
    }

    public static Criteria compare(String field, String op, String value) {
        return new Leaf(field(field) + " " + operator(op) + " " + string(value));
    }

    /** Records strictly after {@code cursor} in {@link #KEYSET_ORDER}. */
    public static Criteria after(Cursor cursor) {
        return or(compare("Modified_Time", ">", cursor.modifiedTime()),
                and(compare("Modified_Time", "=", cursor.modifiedTime()), new Leaf("id > " + recordId(cursor.id()))));
    }

    /** A quoted COQL string literal; a backslash escapes the next character inside one. */
    public static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Zoho's datetime literal: seconds precision, explicit offset ({@code Modified_Time} has whole seconds). */
    public static String datetime(Instant value) {
        return "'" + DATETIME.format(value.truncatedTo(ChronoUnit.SECONDS)) + "'";
    }

    static String recordId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Zoho record id: " + id);
        }
        return "'" + id + "'";
    }

    static String field(String name) {
        if (name == null || !FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Zoho field API name: " + name);
        }
        return RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? "'" + name + "'" : name;
    }

    private static String module(String name) {
        if (name == null || !FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Zoho module API name: " + name);
        }
        return name;
    }

    private static String operator(String op) {
        return switch (op) {
            case "=", "!=", "<", "<=", ">", ">=" -> op;
            default -> throw new IllegalArgumentException("not a COQL comparison: " + op);
        };
    }

    /** API credits Zoho charges for a COQL call, by its LIMIT (zoho-api.md §2.4). */
    public static int credits(int limit) {
        return limit <= 200 ? 1 : limit <= 1000 ? 2 : 3;
    }
}
