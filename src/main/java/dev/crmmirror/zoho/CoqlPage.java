package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    static CoqlPage read(InputStream in, String module, int number) throws IOException {
        return in == null ? new CoqlPage(module, number, new byte[0], new int[0], new int[0], false, null) : read(in.readAllBytes(), module, number);
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
            return read(out.toByteArray(), module, number);
        } catch (IOException e) {
            throw new UncheckedIOException("a quarantined record is not valid JSON", e);
        }
    }

    private static CoqlPage read(byte[] body, String module, int number) throws IOException {
        int[] starts = new int[64];
        int[] ends = new int[64];
        int count = 0;
        boolean more = false;
        Cursor last = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t == null) {
                            throw new JsonParseException(p, "unexpected end of data");
                        }
                        if (count == starts.length) {
                            starts = Arrays.copyOf(starts, count * 2);
                            ends = Arrays.copyOf(ends, count * 2);
                        }
                        starts[count] = (int) p.currentTokenLocation().getByteOffset();
                        Cursor position = t == JsonToken.START_OBJECT ? scanRecord(p) : skip(p);
                        ends[count++] = (int) p.currentLocation().getByteOffset();
                        if (position != null) {
                            last = position;
                        }
                    }
                } else if (name.equals("info") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        JsonToken v = p.nextToken();
                        if (key.equals("more_records")) {
                            more = v == JsonToken.VALUE_TRUE;
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "unexpected end of the answer");
            }
        }
        return new CoqlPage(module, number, body, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), more, last);
    }

    /** Skips a record, noting its id and Modified_Time: its position in paging order, or null. */
    private static Cursor scanRecord(JsonParser p) throws IOException {
        String id = null;
        String modified = null;
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
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected end of a record");
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

    /** A data element that is no object: kept (the mapper quarantines it), without a position. */
    private static Cursor skip(JsonParser p) throws IOException {
        if (p.currentToken().isScalarValue()) {
            p.getText(); // reads a string to its end, so the parser's location is past it
        } else {
            p.skipChildren();
        }
        return null;
    }
}
