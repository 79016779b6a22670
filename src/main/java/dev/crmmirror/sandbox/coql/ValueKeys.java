package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.IdOrder;
import dev.crmmirror.sandbox.data.ValueKind;
import dev.crmmirror.sandbox.data.ZohoTime;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns record values and query literals into comparable keys of one class per {@link ValueKind}:
 * text and dates as String, numbers as BigDecimal, datetimes as epoch seconds, lookups as their id.
 */
final class ValueKeys {
    private ValueKeys() { }

    /** The key of a record's value, or null when it is empty or unreadable (then no comparison holds). */
    @SuppressWarnings("rawtypes")
    static Comparable ofValue(ValueKind kind, Object value) {
        if (value == null) return null;
        try {
            return switch (kind) {
                case TEXT, DATE -> value instanceof Map || value instanceof List ? null : value.toString();
                case MULTISELECT -> value instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(";")) : value.toString();
                case NUMBER -> value instanceof Number || value instanceof String ? new BigDecimal(value.toString()) : null;
                case DATETIME -> value instanceof String text ? ZohoTime.parseLenient(text) : null;
                case BOOLEAN -> value instanceof Boolean b ? b : booleanOf(value.toString());
                case LOOKUP -> value instanceof Map<?, ?> lookup && lookup.get("id") != null
                        ? lookup.get("id").toString() : null;
                case UNSUPPORTED -> null;
            };
        } catch (NumberFormatException | DateTimeException malformed) {
            return null;
        }
    }

    /** The key of a literal written for a column, refusing literals of the wrong type as Zoho does. */
    @SuppressWarnings("rawtypes")
    static Comparable ofLiteral(Column column, Token literal) {
        boolean quoted = literal.type() == Token.Type.STRING;
        String text = literal.text();
        try {
            Comparable key = switch (column.kind()) {
                case TEXT, MULTISELECT -> quoted ? text : null;
                case NUMBER -> new BigDecimal(text);
                case DATE -> quoted ? LocalDate.parse(text).toString() : null;
                case DATETIME -> quoted ? ZohoTime.parseStrict(text) : null;
                case BOOLEAN -> quoted ? booleanOf(text) : null;
                case LOOKUP -> IdOrder.isNumeric(text) ? text : null;
                case UNSUPPORTED -> null;
            };
            if (key == null) throw CoqlException.invalidValue(column.name());
            return key;
        } catch (NumberFormatException | DateTimeException malformed) {
            throw CoqlException.invalidValue(column.name());
        }
    }

    /** What IS NULL means: Zoho keeps no empty strings or empty choices, it stores nothing. */
    static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    }

    private static Boolean booleanOf(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
