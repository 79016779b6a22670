package dev.crmmirror.mapping;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads Zoho's datetimes ({@code 2024-06-05T02:04:09+05:30}, also with {@code Z} and fractions of a second)
 * into UTC. A backfill parses several per record, so the common shape is read by hand;
 * anything else goes through {@link OffsetDateTime#parse}.
 */
final class Timestamps {

    private static final ZoneOffset[] QUARTER_HOURS = new ZoneOffset[18 * 4 * 2 + 1];

    private Timestamps() {
    }

    /** @throws DateTimeException when {@code s} is no date-time with an offset */
    static OffsetDateTime utc(String s) {
        OffsetDateTime fast = fast(s);
        return fast != null ? fast : OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int digits = 0;
            for (i++; i < n && Character.isDigit(s.charAt(i)); i++, digits++) {
                if (digits < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
            }
            if (digits == 0) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // e.g. month 13: let OffsetDateTime.parse report it
        }
    }

    private static ZoneOffset offset(String s, int i) {
        int rest = s.length() - i;
        if (rest == 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (rest != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return null;
        }
        int hours = number(s, i + 1, 2);
        int minutes = number(s, i + 4, 2);
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return null;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        if (minutes % 15 != 0) {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        int slot = sign * (hours * 4 + minutes / 15) + QUARTER_HOURS.length / 2;
        ZoneOffset cached = QUARTER_HOURS[slot];
        if (cached == null) {
            cached = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            QUARTER_HOURS[slot] = cached;
        }
        return cached;
    }

    /** The decimal number in {@code s[from, from+width)}, or -1 if those are not all digits. */
    private static int number(String s, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
