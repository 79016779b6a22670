package dev.crmmirror.store;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Writes typed row values in PostgreSQL's COPY text format: tab-separated, {@code \N} for NULL, backslash
 * escapes. Arrays are written as array literals, which COPY then escapes once more.
 */
final class CopyEncoder {

    private CopyEncoder() {
    }

    static void writeRow(Writer out, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            writeValue(out, values[i]);
        }
        out.write('\n');
    }

    private static void writeValue(Writer out, Object v) throws IOException {
        if (v == null) {
            out.write("\\N");
        } else if (v instanceof String s) {
            escaped(out, s);
        } else if (v instanceof Boolean b) {
            out.write(b ? 't' : 'f');
        } else if (v instanceof BigDecimal d) {
            out.write(d.toPlainString());
        } else if (v instanceof Integer || v instanceof Long || v instanceof LocalDate || v instanceof OffsetDateTime) {
            out.write(v.toString());
        } else if (v instanceof String[] items) {
            escaped(out, arrayLiteral(items));
        } else {
            throw new IllegalArgumentException("no COPY encoding for " + v.getClass().getName());
        }
    }

    /** {@code {"a","b \"c\""}}: every element quoted, so commas, braces and spaces need no further thought. */
    static String arrayLiteral(String[] items) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(items[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    private static void escaped(Writer out, String s) throws IOException {
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (replacement != null) {
                out.write(s, from, i - from);
                out.write(replacement);
                from = i + 1;
            }
        }
        out.write(s, from, s.length() - from);
    }
}
