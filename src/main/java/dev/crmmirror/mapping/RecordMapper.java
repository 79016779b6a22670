package dev.crmmirror.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.crmmirror.zoho.CoqlPage;
import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.RawRecord;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Zoho record → typed mirror row, following the module's mapping. A record that cannot be mapped becomes a
 * {@link MappedRecord.Rejected} carrying every reason, so the run goes on and the record is not lost.
 *
 * <p>Records are read field by field with a streaming parser, each value straight to its column; only fields
 * the mapping does not know, and lookups and lists, become small JSON trees. A backfill maps millions of
 * records, and a tree per record was most of its garbage.
 */
@Component("recordMapper")
public class RecordMapper {

    private static final Pattern ZOHO_ID = Pattern.compile("[0-9]{1,30}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Map<ModuleMapping, FieldOrder.Learnt> learnt = new ConcurrentHashMap<>();

    /**
     * The page's records, each mapped when it is first read and kept. The writer reads them as it streams rows into
     * PostgreSQL, so the database loads the first rows of a page while the later ones are still being mapped,
     * instead of idling through a mapping pass and then the mapper idling through the load.
     */
    public MappedPage map(CoqlPage page, ModuleMapping mapping) {
        FieldOrder order = new FieldOrder(mapping, learnt.computeIfAbsent(mapping, m -> new FieldOrder.Learnt()));
        List<MappedRecord> records = new LazilyMapped(page.size(), i -> map(mapping, order, page.record(i)));
        return new MappedPage(mapping, page.number(), records, page.end());
    }

    private static final class LazilyMapped extends AbstractList<MappedRecord> implements RandomAccess {
        private final MappedRecord[] mapped;
        private final IntFunction<MappedRecord> mapper;

        LazilyMapped(int size, IntFunction<MappedRecord> mapper) {
            this.mapped = new MappedRecord[size];
            this.mapper = mapper;
        }

        @Override
        public MappedRecord get(int i) {
            MappedRecord r = mapped[i];
            if (r == null) {
                r = mapper.apply(i);
                mapped[i] = r;
            }
            return r;
        }

        @Override
        public int size() {
            return mapped.length;
        }
    }

    public MappedRecord map(ModuleMapping mapping, RawRecord raw) {
        return map(mapping, new FieldOrder(mapping, new FieldOrder.Learnt()), raw);
    }

    private MappedRecord map(ModuleMapping mapping, FieldOrder order, RawRecord raw) {
        List<String> problems = new ArrayList<>(0);
        Object[] row = new Object[mapping.dataColumns().size()];
        JsonNode id = null;
        JsonNode modified = null;
        JsonNode created = null;
        ObjectNode custom = null;
        try (JsonParser p = raw.parser()) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return reject(raw, null, null, "the record is not a JSON object");
            }
            int index = 0;
            for (FieldOrder.Field field; (field = order.next(p, index)) != null; index++) {
                JsonToken token = p.nextToken();
                if (field.kind() == FieldOrder.Kind.ZOHO_METADATA) {
                    p.skipChildren();
                    continue;
                }
                if (field.kind() == FieldOrder.Kind.TEXT && token == JsonToken.VALUE_STRING) {
                    Utf8Text text = Utf8Text.plain(raw.body(), at(p, raw),
                            field.placed().field().maxLength());
                    if (text != null) {
                        row[field.placed().column()] = text;
                        continue;
                    }
                }
                JsonNode value;
                if (field.kind() == FieldOrder.Kind.LOOKUP && token == JsonToken.START_OBJECT) {
                    value = lookup(p, raw, row, field.placed().column());
                    if (value == null) {
                        continue;
                    }
                } else {
                    value = value(p, token);
                }
                switch (field.kind()) {
                    case ID -> id = value;
                    case MODIFIED_TIME -> modified = value;
                    case CREATED_TIME -> created = value;
                    case TEXT, LOOKUP, MAPPED -> Coercion.write(field.placed().field(), value, row, field.placed().column(), problems);
                    default -> {
                        if (!value.isNull()) {
                            // a field the mapping does not know (or lists under custom_fields)
                            custom = custom != null ? custom : NODES.objectNode();
                            custom.set(field.name().getValue(), value);
                        }
                    }
                }
            }
        } catch (IOException e) {
            return reject(raw, null, null, "the record is not valid JSON: " + e.getMessage());
        }

        String zohoId = id(id, problems);
        row[0] = zohoId;
        Instant modifiedTime = null;
        if (modified == null || modified.isNull()) {
            problems.add("Modified_Time is missing: without it crm-mirror cannot tell which version of the record is newer");
        } else {
            modifiedTime = Coercion.datetime(ModuleMapping.MODIFIED_TIME, modified, problems);
        }
        row[mapping.modifiedTimeIndex()] = modifiedTime;
        if (created != null && !created.isNull()) {
            row[mapping.createdTimeIndex()] = Coercion.datetime(ModuleMapping.CREATED_TIME, created, problems);
        }
        if (custom != null && Coercion.jsonStorable("custom_fields", custom, problems)) {
            row[mapping.customFieldsIndex()] = custom.toString();
        }

        Cursor position = zohoId != null && modifiedTime != null ? new Cursor(modifiedTime, zohoId) : null;
        if (!problems.isEmpty()) {
            return reject(raw, zohoId, position, String.join("; ", problems));
        }
        return new MappedRecord.Row(row, position, raw);
    }

    /** {@code raw} with the characters PostgreSQL cannot store (NUL, broken surrogates) written out as {@code \\uXXXX} text. */
    public static JsonNode storable(JsonNode raw) {
        return Coercion.sanitized(raw);
    }

    private static MappedRecord.Rejected reject(RawRecord raw, String zohoId, Cursor position, String reason) {
        JsonNode record;
        try {
            record = raw.tree();
        } catch (RuntimeException notJson) {
            record = TextNode.valueOf(raw.json());
        }
        JsonNode storable = Coercion.sanitized(record);
        return new MappedRecord.Rejected(zohoId, storable.toString(), reason, position, storable.equals(record));
    }

    /**
     * A lookup object whose id and name are plain strings goes into its two columns as the bytes Zoho sent, without a
     * tree (a Lead has three lookups or more: their trees were a fifth of the mapper's garbage). Any other lookup is
     * read again from its bytes as a tree, which it returns for {@link Coercion} to judge as before.
     *
     * @return null when the columns are written
     */
    private static JsonNode lookup(JsonParser p, RawRecord raw, Object[] row, int at) throws IOException {
        int open = at(p, raw);
        Utf8Text id = null;
        Utf8Text name = null;
        boolean plain = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken token = p.nextToken();
            boolean isId = key.equals("id");
            if (plain && (isId || key.equals("name"))) {
                Utf8Text text = token == JsonToken.VALUE_STRING
                        ? Utf8Text.plain(raw.body(), at(p, raw), FieldMapping.DEFAULT_MAX_LENGTH)
                        : null;
                if (isId) {
                    id = text;
                } else {
                    name = text;
                }
                plain = text != null || (!isId && token == JsonToken.VALUE_NULL);
            }
            p.skipChildren();
        }
        if (plain && id != null) {
            row[at] = id;
            row[at + 1] = name;
            return null;
        }
        int end = at(p, raw) + 1;
        try (JsonParser again = CoqlPage.JSON.createParser(raw.body(), open, end - open)) {
            return CoqlPage.JSON.readTree(again);
        }
    }

    /** Where the parser's current token starts in the page's body (the parser reads one record of it). */
    private static int at(JsonParser p, RawRecord raw) {
        return raw.start() + (int) p.currentTokenLocation().getByteOffset();
    }

    /** The current value as a node: scalars wrap what the parser read; lookups and lists become small trees. */
    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            default -> CoqlPage.JSON.readTree(p);
        };
    }

    private static String id(JsonNode v, List<String> problems) {
        if (v == null || v.isNull()) {
            problems.add("id is missing");
            return null;
        }
        String id = v.asText();
        if (!(v.isTextual() || v.isIntegralNumber()) || !ZOHO_ID.matcher(id).matches()) {
            problems.add("id " + Coercion.describe(v) + " is not a Zoho record id (digits)");
            return null;
        }
        return id;
    }
}
