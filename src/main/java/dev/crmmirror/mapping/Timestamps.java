package dev.crmmirror.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads Zoho's datetimes ({@code 2024-06-05T02:04:09+05:30}, also with {@code Z} and fractions of a second)
 * as instants, and its dates. A backfill parses several per record, so the common shape is read by hand; anything else, and
 * anything invalid, goes through {@link OffsetDateTime#parse}, which also says what is wrong.
 *
 * <p>The calendar arithmetic has no branches that depend on the date. A backfill meets its records in
 * Modified_Time order, so a branch such as "day after the 28th" or "February of a leap year" is first taken
 * thousands of records in; in compiled code that throws away the compiled mapper (which inlines this) and
 * compiles it again, which cost a 200,000-record backfill several recompilations through java.time's own checks.
 */
final class Timestamps {

    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int MAX_OFFSET_HOURS = 18;

    private Timestamps() {
    }

    /** @throws DateTimeException when {@code s} is no date-time with an offset */
    static Instant utc(String s) {
        Instant fast = fast(s);
        return fast != null ? fast : OffsetDateTime.parse(s).toInstant();
    }

    /** @throws DateTimeException when {@code s} is no date ({@code YYYY-MM-DD}) */
    static LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int year = number(s, 0, 4);
            int month = number(s, 5, 2);
            int day = number(s, 8, 2);
            if (validDate(year, month, day)) {
                return LocalDate.ofEpochDay(epochDay(year, month, day));
            }
        }
        return LocalDate.parse(s);
    }

    /** The instant of the common shape, or null for anything else (other shapes, out-of-range fields). */
    private static Instant fast(String s) {
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
        // each term is negative exactly when its field is out of range (number() answers -1 for non-digits)
        if (!validDate(year, month, day) || (hour | 23 - hour | minute | 59 - minute | second | 59 - second) < 0) {
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
        int offset = offsetSeconds(s, i);
        if (offset == Integer.MIN_VALUE) {
            return null;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600 + minute * 60 + second - offset;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** {@code Z} or {@code ±hh:mm} from {@code i} to the end, in seconds; Integer.MIN_VALUE if it is neither. */
    private static int offsetSeconds(String s, int i) {
        int rest = s.length() - i;
        if (rest == 1 && s.charAt(i) == 'Z') {
            return 0;
        }
        if (rest != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = number(s, i + 1, 2);
        int minutes = number(s, i + 4, 2);
        if ((hours | MAX_OFFSET_HOURS - hours | minutes | 59 - minutes) < 0 || (hours == MAX_OFFSET_HOURS && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return s.charAt(i) == '-' ? -seconds : seconds;
    }

    /** A date of year 1 or later that exists (number() answers -1 for non-digits, which fails here too). */
    private static boolean validDate(int year, int month, int day) {
        return (year - 1 | month - 1 | 12 - month | day - 1) >= 0 && day <= monthLength(year, month);
    }

    /** Days in {@code month} (1-12) of {@code year}, February of leap years included, computed without branches. */
    static int monthLength(int year, int month) {
        int leap = isZero(year & 3) & (1 - isZero(year % 100) | isZero(year % 400));
        return DAYS_IN_MONTH[month] + (leap & isZero(month - 2));
    }

    /**
     * Days from 1970-01-01 to a valid date of year 1 or later (H. Hinnant's days_from_civil, with the March-based
     * year computed arithmetically: {@code (14 - month) / 12} is 1 for January and February, else 0).
     */
    static long epochDay(int year, int month, int day) {
        int janOrFeb = (14 - month) / 12;
        long y = year - janOrFeb;
        int marchBasedMonth = month + 12 * janOrFeb - 3;
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * marchBasedMonth + 2) / 5 + day - 1 - 719_468;
    }

    /** 1 if {@code x} is 0, else 0. */
    private static int isZero(int x) {
        return ((x | -x) >>> 31) ^ 1;
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
