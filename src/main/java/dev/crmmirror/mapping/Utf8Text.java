package dev.crmmirror.mapping;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text column value as the UTF-8 bytes Zoho sent, a view on the page's body. Most text values need no decoding:
 * without escapes, without spaces to strip and within the column's length, their bytes are what PostgreSQL stores,
 * so the mapper does not decode them into a String and the COPY encoder does not encode them back (a tenth less
 * mapping CPU per record, measured on a 200,000-record backfill's pages).
 */
public final class Utf8Text {

    private final byte[] bytes;
    private final int from;
    private final int length;

    private Utf8Text(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.from = from;
        this.length = length;
    }

    /**
     * The JSON string whose opening quote is at {@code b[quote]}, if its bytes can be stored as they are; null when it
     * must be decoded and checked: an escape (which could also spell NUL or a lone surrogate), a byte 0xED (a UTF-8
     * encoded surrogate, or Hangul), a character at either end that strip() may remove, or more than {@code maxLength}
     * bytes (it may still be within maxLength characters).
     */
    static Utf8Text plain(byte[] b, int quote, int maxLength) {
        int from = quote + 1;
        int limit = Math.min(b.length, from + maxLength + 1);
        int end = from;
        for (; end < limit; end++) {
            byte c = b[end];
            if (c == '"') {
                break;
            }
            if (c == '\\' || (c < 0x20 && (c >= 0 || c == (byte) 0xED))) {
                return null;
            }
        }
        if (end == limit || (end > from && (mayBeSpace(b, from, end - from) || mayBeSpace(b, end - 1, 1)
                || (end - from >= 3 && space3(b, end - 3))))) {
            return null;
        }
        return new Utf8Text(b, from, end - from);
    }

    /** Whether a white space character Character.isWhitespace knows (which strip() removes) could begin at b[i]. */
    private static boolean mayBeSpace(byte[] b, int i, int available) {
        byte c = b[i];
        return (c >= 0 && c <= ' ') || (available >= 3 && space3(b, i));
    }

    /** U+1680, U+2000-U+2006, U+2008-U+200A, U+2028, U+2029, U+205F, U+3000: the non-ASCII white space, all 3 bytes long. */
    private static boolean space3(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        int b1 = b[i + 1] & 0xFF;
        int b2 = b[i + 2] & 0xFF;
        return switch (b0) {
            case 0xE1 -> b1 == 0x9A && b2 == 0x80;
            case 0xE2 -> (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A && b2 != 0x87) || b2 == 0xA8 || b2 == 0xA9)) || (b1 == 0x81 && b2 == 0x9F);
            case 0xE3 -> b1 == 0x80 && b2 == 0x80;
            default -> false;
        };
    }

    public byte[] bytes() {
        return bytes;
    }

    public int from() {
        return from;
    }

    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Utf8Text t && Arrays.equals(bytes, from, from + length, t.bytes, t.from, t.from + t.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
}
