package dev.crmmirror.sandbox.data;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Zoho's datetime text, {@code yyyy-MM-ddTHH:mm:ss±HH:mm} at whole seconds (UTC is {@code +00:00},
 * never {@code Z}). Hand-rolled because keyset scans format and parse one per scanned record.
 */
public final class ZohoTime {
    private static final int LENGTH = "2024-06-05T02:04:09+05:30".length();

    private ZohoTime() { }

    public static String format(long epochSecond, ZoneOffset offset) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        StringBuilder out = new StringBuilder(LENGTH);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        int seconds = offset.getTotalSeconds();
        out.append(seconds < 0 ? '-' : '+');
        pad(out, Math.abs(seconds) / 3600, 2).append(':');
        return pad(out, Math.abs(seconds) / 60 % 60, 2).toString();
    }

    /** Parses exactly Zoho's format, as COQL literals must be written. */
    public static long parseStrict(String text) {
        if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(22) != ':'
                || (text.charAt(19) != '+' && text.charAt(19) != '-')) {
            throw new DateTimeException("not yyyy-MM-ddTHH:mm:ss±HH:mm: " + text);
        }
        int sign = text.charAt(19) == '-' ? -1 : 1;
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * number(text, 20, 22), sign * number(text, 23, 25));
        return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                number(text, 11, 13), number(text, 14, 16), number(text, 17, 19)).toEpochSecond(offset);
    }

    /** Also accepts the other ISO-8601 shapes stale or hand-made records may carry (Z, fractions). */
    public static long parseLenient(String text) {
        try {
            return parseStrict(text);
        } catch (DateTimeException e) {
            return OffsetDateTime.parse(text).toEpochSecond();
        }
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new DateTimeException("not a digit at " + i + ": " + text);
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) out.append('0');
        return out.append(digits);
    }
}
