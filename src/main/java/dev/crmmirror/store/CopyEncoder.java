package dev.crmmirror.store;

import dev.crmmirror.mapping.Utf8Text;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes typed rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash escapes)
 * straight into UTF-8 bytes. It is the hot loop of a backfill, hence a byte buffer instead of a Writer, and
 * timestamps formatted by hand. Arrays are written as array literals, which COPY then escapes once more.
 */
final class CopyEncoder {

    /** Years 1000-9999 are written by hand; the rest (never seen in a CRM) by java.time. */
    private static final long FAST_FROM = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
    private static final long FAST_UNTIL = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

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
        } else if (v instanceof Utf8Text t) {
            bytes(t.bytes(), t.from(), t.length()); // nothing in it needs a COPY escape (no backslash, no control character)
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Instant t) {
            timestamp(t);
        } else if (v instanceof Boolean b) {
            put(b ? 't' : 'f');
        } else if (v instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (v instanceof Integer || v instanceof Long) {
            ascii(v.toString());
        } else if (v instanceof LocalDate d) {
            date(d);
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

    /**
     * {@code 2024-06-05 02:04:09[.123456]+00}, which PostgreSQL reads as timestamptz. The calendar date comes from
     * the epoch day by H. Hinnant's civil_from_days, without date-dependent branches (see mapping.Timestamps on why).
     */
    private void timestamp(Instant t) throws IOException {
        long seconds = t.getEpochSecond();
        if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
            ascii(t.toString());
            return;
        }
        long sinceFastFrom = seconds - FAST_FROM; // not negative, so / and % need no flooring
        long days = sinceFastFrom / 86_400 + FAST_FROM / 86_400 + 719_468; // days since 0000-03-01
        int secondOfDay = (int) (sinceFastFrom % 86_400);
        int era = (int) (days / 146_097);
        int dayOfEra = (int) (days - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int marchBasedMonth = (5 * dayOfYear + 2) / 153;
        int janOrFeb = marchBasedMonth / 10;
        calendarDate(yearOfEra + era * 400 + janOrFeb, marchBasedMonth + 3 - 12 * janOrFeb,
                dayOfYear - (153 * marchBasedMonth + 2) / 5 + 1);
        put(' ');
        digits(secondOfDay / 3_600, 2);
        put(':');
        digits(secondOfDay / 60 % 60, 2);
        put(':');
        digits(secondOfDay % 60, 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            put('.');
            digits(micros, 6);
        }
        put('+');
        put('0');
        put('0');
    }

    /** {@code 2024-06-05}. */
    private void date(LocalDate d) throws IOException {
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            ascii(d.toString());
            return;
        }
        calendarDate(year, d.getMonthValue(), d.getDayOfMonth());
    }

    /** {@code YYYY-MM-DD} of a year from 1000 to 9999. */
    private void calendarDate(int year, int month, int day) throws IOException {
        digits(year, 4);
        put('-');
        digits(month, 2);
        put('-');
        digits(day, 2);
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
