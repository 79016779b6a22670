package dev.crmmirror.sandbox.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;

/**
 * How the sandbox writes JSON. One place, because a record's values are rendered once when it is stored
 * ({@link RecordJson}) and again on the fly for what that does not cover: both must yield the same bytes.
 */
public final class ZohoJson {
    /**
     * Plain decimals (Zoho never sends 1E+3), and emoji as raw 4-byte UTF-8 rather than escaped
     * surrogate pairs: the raw form is what breaks clients and databases that mishandle them.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private ZohoJson() { }

    /** A generator for bare values one after another, with nothing between them; flush before reading {@code out}. */
    public static JsonGenerator valueWriter(OutputStream out) throws IOException {
        JsonGenerator json = MAPPER.createGenerator(out);
        json.setRootValueSeparator(null);
        return json;
    }

    /** Values are plain JSON types; writing them by type skips the object mapper's serializer lookup per value. */
    public static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeObject(value);
        }
    }
}
