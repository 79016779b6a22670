package dev.crmmirror.store;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes typed rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash escapes)
 * straight into UTF-8 bytes. It is the hot loop of a backfill, hence a byte buffer instead of a Writer, and
 * timestamps formatted by hand. Arrays are written as array literals, which COPY then escapes once more.
 */
final class CopyEncoder {

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;

    CopyEncoder(OutputStream out) {
        this.out = out;
    }

    /** One row: {@code values}, then {@code extra} already-encoded columns (e.g. the run id). */
    void row(Object[] values, byte[]... extra) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put('\t');
            }
            value(values[i]);
        }
        for (byte[] e : extra) {
            put('\t');
            for (byte b : e) {
                put(b);
            }
        }
        put('\n');
    }

    void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /** COPY text of a plain value, for constant columns written with every row. */
    static byte[] encoded(String ascii) {
        return ascii.getBytes(StandardCharsets.UTF_8);
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            put('\\');
            put('N');
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof OffsetDateTime t) {
            timestamp(t);
        } else if (v instanceof Boolean b) {
            put(b ? 't' : 'f');
        } else if (v instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (v instanceof Integer || v instanceof Long || v instanceof LocalDate) {
            ascii(v.toString());
        } else if (v instanceof String[] items) {
            text(arrayLiteral(items));
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

    /**
     * UTF-8 with COPY's escapes; the mapper has already refused NUL and lone surrogates. The JDK's encoder is
     * vectorised; the characters to escape are ASCII, which never occurs inside a multi-byte UTF-8 sequence.
     */
    private void text(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte escape = switch (utf8[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escape != 0) {
                bytes(utf8, from, i - from);
                put('\\');
                put(escape);
                from = i + 1;
            }
        }
        bytes(utf8, from, utf8.length - from);
    }

    private void bytes(byte[] b, int from, int count) throws IOException {
        if (count > buf.length - len) {
            flush();
            if (count > buf.length) {
                out.write(b, from, count);
                return;
            }
        }
        System.arraycopy(b, from, buf, len, count);
        len += count;
    }

    /** {@code 2024-06-05 02:04:09[.123456]+00}, which PostgreSQL reads as timestamptz. */
    private void timestamp(OffsetDateTime t) throws IOException {
        OffsetDateTime utc = t.getOffset().equals(ZoneOffset.UTC) ? t : t.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 1000 || year > 9999) {
            ascii(utc.toString());
            return;
        }
        digits(year, 4);
        put('-');
        digits(utc.getMonthValue(), 2);
        put('-');
        digits(utc.getDayOfMonth(), 2);
        put(' ');
        digits(utc.getHour(), 2);
        put(':');
        digits(utc.getMinute(), 2);
        put(':');
        digits(utc.getSecond(), 2);
        int micros = utc.getNano() / 1000;
        if (micros != 0) {
            put('.');
            digits(micros, 6);
        }
        put('+');
        put('0');
        put('0');
    }

    private void digits(int value, int width) throws IOException {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(int b) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = (byte) b;
    }

    private void ensure(int n) throws IOException {
        if (len + n > buf.length) {
            flush();
        }
    }
}
