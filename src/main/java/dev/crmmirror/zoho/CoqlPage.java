package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One COQL answer: its body as Zoho sent it, where each record lies in it, whether more follow, and the
 * position to continue after. Reading it is a single structural pass that builds no trees: it only notes the
 * records' boundaries and the last (Modified_Time, id), which the pager needs before it fetches the next page.
 * The mapper then reads each record once, streaming.
 */
public final class CoqlPage {

    /** Exact decimals: a currency of 1234.10 must land as 1234.10, not as the nearest double. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Pattern RECORD_ID = Pattern.compile("[0-9]{1,30}");

    private final String module;
    private final int number;
    private final byte[] body;
    private final int[] starts;
    private final int[] ends;
    private final boolean more;
    private final Cursor end;

    private CoqlPage(String module, int number, byte[] body, int[] starts, int[] ends, boolean more, Cursor end) {
        this.module = module;
        this.number = number;
        this.body = body;
        this.starts = starts;
        this.ends = ends;
        this.more = more;
        this.end = end;
    }

    public String module() {
        return module;
    }

    public int number() {
        return number;
    }

    public int size() {
        return starts.length;
    }

    public RawRecord record(int i) {
        return new RawRecord(body, starts[i], ends[i]);
    }

    /** Whether Zoho said more records follow ({@code info.more_records}). */
    public boolean more() {
        return more;
    }

    /** The (Modified_Time, id) of the last record that has both; null if none has. */
    public Cursor end() {
        return end;
    }

    /**
     * Reads {@code {"data":[...],"info":{"more_records":..}}}. A null body is Zoho's 204 (no rows). A truncated
     * or garbled body fails with a parse exception, which the client treats as worth a retry.
     */
    static CoqlPage read(byte[] body, String module, int number) throws IOException {
        return body == null ? new CoqlPage(module, number, new byte[0], new int[0], new int[0], false, null) : parse(body, module, number);
    }

    /** A page made of records kept elsewhere (the quarantine), read like one from Zoho. */
    public static CoqlPage of(String module, int number, List<String> records, boolean more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"data\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("],\"info\":{\"more_records\":" + more + "}}").getBytes(StandardCharsets.UTF_8));
        try {
            return parse(out.toByteArray(), module, number);
        } catch (IOException e) {
            throw new UncheckedIOException("a quarantined record is not valid JSON", e);
        }
    }

    private static CoqlPage parse(byte[] body, String module, int number) throws IOException {
        Structure page = new Structure(body);
        page.read();
        int[] starts = Arrays.copyOf(page.starts, page.count);
        int[] ends = Arrays.copyOf(page.ends, page.count);
        Cursor last = null;
        for (int i = starts.length - 1; i >= 0 && last == null; i--) {
            last = position(body, starts[i], ends[i]);
        }
        return new CoqlPage(module, number, body, starts, ends, page.more, last);
    }

    /** A record's id and Modified_Time: its position in paging order, or null when it lacks either (or is no JSON object). */
    private static Cursor position(byte[] body, int start, int end) {
        String id = null;
        String modified = null;
        try (JsonParser p = JSON.createParser(body, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("id") && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT)) {
                    id = p.getText();
                } else if (name.equals("Modified_Time") && v == JsonToken.VALUE_STRING) {
                    modified = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null; // the mapper quarantines it, saying what is wrong
        }
        if (id == null || modified == null || !RECORD_ID.matcher(id).matches()) {
            return null;
        }
        try {
            return new Cursor(OffsetDateTime.parse(modified).toInstant(), id);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The page's structure from its bytes, without tokenizing values: the top-level object, the bounds of each
     * {@code data} element, and {@code info.more_records}. It checks what a cut-short or garbled answer breaks
     * (brackets that pair up, strings that end, escapes, separators between members and elements, nothing after
     * the end) and throws a parse exception, which the client retries. Inside a record it only pairs brackets and
     * skips strings: a record that is otherwise malformed is left to the mapper, which quarantines it with
     * Jackson's reason. A tokenizing pass here cost as much CPU as mapping the records.
     */
    private static final class Structure {
        private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] INFO = "info".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] MORE_RECORDS = "more_records".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        private final byte[] b;
        private int i;
        int[] starts = new int[64];
        int[] ends = new int[64];
        int count;
        boolean more;

        Structure(byte[] b) {
            this.b = b;
        }

        void read() throws JsonParseException {
            object((key, keyEnd) -> {
                if (is(key, keyEnd, DATA) && next() == '[') {
                    data();
                } else if (is(key, keyEnd, INFO) && next() == '{') {
                    object((k, kEnd) -> {
                        int from = i;
                        value();
                        if (is(k, kEnd, MORE_RECORDS)) {
                            more = is(from, i, TRUE);
                        }
                    });
                } else {
                    value();
                }
            });
            while (i < b.length && space(b[i])) {
                i++;
            }
            if (i != b.length) {
                throw error("content after the end of the answer");
            }
        }

        private interface Member {
            void value(int keyStart, int keyEnd) throws JsonParseException;
        }

        /** An object whose members' values {@code member} reads; the key is {@code b[keyStart, keyEnd)}, unescaped. */
        private void object(Member member) throws JsonParseException {
            if (next() != '{') {
                throw error("expected a JSON object");
            }
            i++;
            if (next() == '}') {
                i++;
                return;
            }
            while (true) {
                if (next() != '"') {
                    throw error("expected a field name");
                }
                int keyStart = i + 1;
                string();
                int keyEnd = i - 1;
                if (next() != ':') {
                    throw error("expected ':'");
                }
                i++;
                next();
                member.value(keyStart, keyEnd);
                if (separator('}')) {
                    return;
                }
            }
        }

        private void data() throws JsonParseException {
            i++;
            if (next() == ']') {
                i++;
                return;
            }
            do {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = i;
                value();
                ends[count++] = i;
            } while (!separator(']'));
        }

        /** Past a ',' (false) or the closing bracket (true). */
        private boolean separator(char close) throws JsonParseException {
            byte c = next();
            i++;
            if (c == close) {
                return true;
            }
            if (c != ',') {
                throw error("expected ',' or '" + close + "'");
            }
            next();
            return false;
        }

        private void value() throws JsonParseException {
            byte c = next();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                nested();
            } else {
                int from = i;
                while (i < b.length && scalar(b[i])) {
                    i++;
                }
                if (i == from) {
                    throw error("expected a value");
                }
            }
        }

        /** An object or array with everything in it: brackets must pair up, strings end. */
        private void nested() throws JsonParseException {
            byte[] open = new byte[16];
            int depth = 0;
            do {
                if (i >= b.length) {
                    throw error("the answer ends inside a record or list");
                }
                byte c = b[i];
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '{' || c == '[') {
                    if (depth == open.length) {
                        open = Arrays.copyOf(open, depth * 2);
                    }
                    open[depth++] = c;
                } else if (c == '}' || c == ']') {
                    if (depth == 0 || open[--depth] != (c == '}' ? '{' : '[')) {
                        throw error("'" + (char) c + "' does not close what is open");
                    }
                }
                i++;
            } while (depth > 0);
        }

        /**
         * From an opening quote to past the closing one. Bytes that need no look (most of a page) are passed over
         * eight at a time: this scan was two thirds of the prefetching thread's CPU when it went byte by byte.
         */
        private void string() throws JsonParseException {
            i++;
            while (i < b.length) {
                while (i <= b.length - Long.BYTES) {
                    long flagged = quoteBackslashOrControl((long) LONGS.get(b, i));
                    if (flagged != 0) {
                        i += Long.numberOfTrailingZeros(flagged) >>> 3;
                        break;
                    }
                    i += Long.BYTES;
                }
                if (i == b.length) {
                    break;
                }
                byte c = b[i++];
                if (c == '"') {
                    return;
                }
                if (c == '\\') {
                    if (i >= b.length) {
                        break;
                    }
                    byte e = b[i++];
                    if (e == 'u') {
                        for (int end = i + 4; i < end; i++) {
                            if (i >= b.length || Character.digit(b[i], 16) < 0) {
                                throw error("a \\u escape needs 4 hex digits");
                            }
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw error("invalid escape \\" + (char) e);
                    }
                } else if (c >= 0 && c < 0x20) {
                    i--;
                    throw error("a control character inside a string");
                }
            }
            throw error("the answer ends inside a string");
        }

        /**
         * The high bit of each byte of {@code v} (eight bytes, the first lowest) that is a quote, a backslash or below
         * 0x20, and perhaps of bytes after it: the lowest flag is exact, which is all the caller relies on. Bytes of
         * 0x80 and up (UTF-8 beyond ASCII) are never flagged.
         */
        private static long quoteBackslashOrControl(long v) {
            long quote = v ^ 0x2222222222222222L;
            long backslash = v ^ 0x5C5C5C5C5C5C5C5CL;
            return ((quote - 0x0101010101010101L) & ~quote
                    | (backslash - 0x0101010101010101L) & ~backslash
                    | (v - 0x2020202020202020L) & ~v)
                    & 0x8080808080808080L;
        }

        /** The next byte that is no whitespace, without moving past it. */
        private byte next() throws JsonParseException {
            while (i < b.length && space(b[i])) {
                i++;
            }
            if (i == b.length) {
                throw error("the answer ends early");
            }
            return b[i];
        }

        private boolean is(int from, int to, byte[] word) {
            return Arrays.equals(b, from, to, word, 0, word.length);
        }

        private static boolean space(byte c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }

        /** Bytes of true, false, null and numbers. */
        private static boolean scalar(byte c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'E';
        }

        private JsonParseException error(String what) {
            return new JsonParseException(null, what + " (byte " + i + " of " + b.length + ")");
        }
    }
}
