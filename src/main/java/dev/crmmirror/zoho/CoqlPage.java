package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One COQL answer: the records as Zoho sent them, whether more follow, and the position to continue after.
 *
 * @param end the (Modified_Time, id) of the last record that has both; null if none has
 */
public record CoqlPage(String module, int number, List<ObjectNode> records, boolean more, Cursor end) {

    /** Exact decimals: a currency of 1234.10 must land as 1234.10, not as the nearest double. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Pattern RECORD_ID = Pattern.compile("[0-9]{1,30}");

    /**
     * Reads {@code {"data":[...],"info":{"more_records":..}}} record by record, without holding the body as
     * text or one tree. A null body is Zoho's 204 (no rows). A truncated body fails with a parse exception.
     */
    static CoqlPage read(InputStream body, String module, int number) throws IOException {
        if (body == null) {
            return new CoqlPage(module, number, List.of(), false, null);
        }
        List<ObjectNode> records = new ArrayList<>();
        boolean more = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == null) {
                            throw new JsonParseException(p, "unexpected end of data");
                        }
                        JsonNode record = JSON.readTree(p);
                        // a non-object element is kept (and quarantined by the mapper) rather than dropped
                        records.add(record.isObject() ? (ObjectNode) record : JSON.createObjectNode().set("value", record));
                    }
                } else if (name.equals("info")) {
                    more = ((JsonNode) JSON.readTree(p)).path("more_records").asBoolean(false);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "unexpected end of the answer");
            }
        }
        return new CoqlPage(module, number, records, more, endOf(records));
    }

    private static Cursor endOf(List<ObjectNode> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            ObjectNode r = records.get(i);
            String id = r.path("id").asText("");
            String modified = r.path("Modified_Time").asText("");
            if (RECORD_ID.matcher(id).matches()) {
                try {
                    return new Cursor(OffsetDateTime.parse(modified).toInstant(), id);
                } catch (DateTimeParseException e) {
                    // try the record before
                }
            }
        }
        return null;
    }
}
