package dev.crmmirror.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zoho JSON value → typed column value, one rule per {@link FieldType}. A value that does not fit adds a
 * problem (naming the field, what was expected and what came) instead of throwing, so the mapper can
 * report every problem of a record at once.
 */
final class Coercion {

    /** numeric(14,2) holds at most 12 digits before the point. */
    private static final BigDecimal CURRENCY_LIMIT = new BigDecimal("1000000000000");

    private Coercion() {
    }

    /** Writes the column value(s) of {@code f} for {@code v} into {@code row} from index {@code at}. */
    static void write(FieldMapping f, JsonNode v, Object[] row, int at, List<String> problems) {
        if (v == null || v.isNull()) {
            return; // row slots start as null; a lookup's two columns both stay null
        }
        String name = f.apiName();
        switch (f.type()) {
            case TEXT, PICKLIST -> row[at] = text(name, v, f.maxLength(), problems);
            case INTEGER -> row[at] = integer(name, v, problems);
            case BIGINT -> row[at] = bigint(name, v, problems);
            case DECIMAL -> row[at] = decimal(name, v, problems);
            case CURRENCY -> row[at] = currency(name, v, problems);
            case BOOLEAN -> row[at] = bool(name, v, problems);
            case DATE -> row[at] = date(name, v, problems);
            case DATETIME -> row[at] = datetime(name, v, problems);
            case MULTISELECT -> row[at] = multiselect(name, v, problems);
            case LOOKUP -> lookup(name, v, row, at, problems);
            case JSON -> row[at] = json(name, v, problems);
        }
    }

    static String text(String name, JsonNode v, int maxLength, List<String> problems) {
        return text(name, "", v, maxLength, problems);
    }

    /** @param part appended to the field name in a problem ({@code Owner} + {@code .id}); only then is it concatenated */
    private static String text(String name, String part, JsonNode v, int maxLength, List<String> problems) {
        if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
            problems.add(name + part + ": expected text, got " + describe(v));
            return null;
        }
        String s = v.asText().strip();
        if (!storable(name, part, s, problems)) {
            return null;
        }
        if (s.length() > maxLength) {
            int length = s.codePointCount(0, s.length());
            if (length > maxLength) {
                problems.add(name + part + ": value is " + length + " characters long, over the mapping's limit of " + maxLength
                        + " (raise 'length' in the mapping if such values are legitimate)");
                return null;
            }
        }
        return s;
    }

    static Integer integer(String name, JsonNode v, List<String> problems) {
        Long l = bigint(name, v, problems);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            problems.add(name + ": " + l + " does not fit an integer column (use type bigint)");
            return null;
        }
        return l.intValue();
    }

    static Long bigint(String name, JsonNode v, List<String> problems) {
        // Zoho sends Long Integer fields as JSON strings (zoho-api.md §3.3)
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(name + ": expected a whole number, got " + describe(v));
        return null;
    }

    static BigDecimal decimal(String name, JsonNode v, List<String> problems) {
        if (v.isNumber()) {
            if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
                problems.add(name + ": expected a number, got " + v.asText());
                return null;
            }
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(name + ": expected a number, got " + describe(v));
        return null;
    }

    static BigDecimal currency(String name, JsonNode v, List<String> problems) {
        BigDecimal d = decimal(name, v, problems);
        if (d != null && d.abs().setScale(2, java.math.RoundingMode.HALF_UP).compareTo(CURRENCY_LIMIT) >= 0) {
            problems.add(name + ": " + d.toPlainString() + " does not fit numeric(14,2) (use type decimal for amounts of a trillion or more)");
            return null;
        }
        return d;
    }

    static Boolean bool(String name, JsonNode v, List<String> problems) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().strip().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.valueOf(s);
            }
        }
        problems.add(name + ": expected true or false, got " + describe(v));
        return null;
    }

    static LocalDate date(String name, JsonNode v, List<String> problems) {
        if (v.isTextual()) {
            try {
                return Timestamps.date(v.textValue().strip());
            } catch (DateTimeException e) {
                // reported below
            }
        }
        problems.add(name + ": expected a date (YYYY-MM-DD), got " + describe(v));
        return null;
    }

    /** Any offset or Z, with or without fractions of a second: the instant it names (timestamptz). */
    static Instant datetime(String name, JsonNode v, List<String> problems) {
        if (v.isTextual()) {
            try {
                return Timestamps.utc(v.textValue().strip());
            } catch (DateTimeException e) {
                // reported below
            }
        }
        problems.add(name + ": expected a date-time with an offset (e.g. 2024-06-05T02:04:09+05:30), got " + describe(v));
        return null;
    }

    /**
     * Filled straight into an array: {@code ArrayList.toArray} into a {@code String[]} made the JIT throw away the
     * compiled mapper twice per backfill (a type-checked array copy it had guessed wrong).
     */
    static String[] multiselect(String name, JsonNode v, List<String> problems) {
        String[] items;
        int count = 0;
        if (v.isArray()) {
            items = new String[v.size()];
            for (JsonNode item : v) {
                // Tag-like fields are arrays of {name, id}
                JsonNode value = item.isObject() ? item.path("name") : item;
                if (!value.isTextual()) {
                    problems.add(name + ": expected a list of texts, got an item " + describe(item));
                    return null;
                }
                items[count++] = value.textValue().strip();
            }
        } else if (v.isTextual()) {
            items = v.textValue().split(";");
            for (String s : items) {
                if (!s.isBlank()) {
                    items[count++] = s.strip();
                }
            }
        } else {
            problems.add(name + ": expected a list of texts, got " + describe(v));
            return null;
        }
        for (int i = 0; i < count; i++) {
            if (!storable(name, items[i], problems)) {
                return null;
            }
        }
        return count == items.length ? items : Arrays.copyOf(items, count);
    }

    static void lookup(String name, JsonNode v, Object[] row, int at, List<String> problems) {
        JsonNode id;
        JsonNode label = null;
        if (v.isObject()) {
            id = v.path("id");
            label = v.get("name");
        } else {
            id = v; // a bare id, as consent and multi-module lookups return
        }
        if (!(id.isTextual() || id.isIntegralNumber())) {
            problems.add(name + ": expected a lookup {\"id\": ..., \"name\": ...}, got " + describe(v));
            return;
        }
        row[at] = text(name, ".id", id, FieldMapping.DEFAULT_MAX_LENGTH, problems);
        if (label != null && !label.isNull()) {
            row[at + 1] = text(name, ".name", label, FieldMapping.DEFAULT_MAX_LENGTH, problems);
        }
    }

    static String json(String name, JsonNode v, List<String> problems) {
        return jsonStorable(name, v, problems) ? v.toString() : null;
    }

    /** PostgreSQL's jsonb refuses the same characters text does, anywhere in the document. */
    static boolean jsonStorable(String name, JsonNode v, List<String> problems) {
        if (v.isTextual()) {
            return storable(name, v.textValue(), problems);
        }
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!storable(name, e.getKey(), problems) || !jsonStorable(name + "." + e.getKey(), e.getValue(), problems)) {
                    return false;
                }
            }
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!jsonStorable(name, item, problems)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean storable(String name, String s, List<String> problems) {
        return storable(name, "", s, problems);
    }

    /** PostgreSQL text cannot hold U+0000, and UTF-8 cannot encode a lone UTF-16 surrogate. */
    private static boolean storable(String name, String part, String s, List<String> problems) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                problems.add(name + part + ": contains a NUL character (U+0000), which PostgreSQL cannot store");
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                problems.add(name + part + ": contains a broken UTF-16 surrogate (invalid Unicode), which cannot be stored as UTF-8");
                return false;
            }
        }
        return true;
    }

    /** The record as Zoho sent it, with unstorable characters written out as {@code \\uXXXX} text. */
    static JsonNode sanitized(JsonNode v) {
        if (v.isTextual()) {
            return TextNode.valueOf(sanitized(v.textValue()));
        }
        if (v.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            v.fields().forEachRemaining(e -> copy.set(sanitized(e.getKey()), sanitized(e.getValue())));
            return copy;
        }
        if (v.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            v.forEach(item -> copy.add(sanitized(item)));
            return copy;
        }
        return v;
    }

    private static String sanitized(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '\u0000' || (Character.isSurrogate(c) && !pair)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append(String.format("\\u%04x", (int) c));
            } else {
                if (out != null) {
                    out.append(c);
                    if (pair) {
                        out.append(s.charAt(++i));
                    }
                } else if (pair) {
                    i++;
                }
            }
        }
        return out == null ? s : out.toString();
    }

    static String describe(JsonNode v) {
        String s = v.isTextual() ? '"' + v.textValue() + '"' : v.toString();
        String kind = v.isTextual() ? "text " : v.isNumber() ? "number " : v.isBoolean() ? "boolean " : v.isArray() ? "list " : v.isObject() ? "object " : "";
        return kind + sanitized(s.length() > 80 ? s.substring(0, 77) + "..." : s);
    }
}
