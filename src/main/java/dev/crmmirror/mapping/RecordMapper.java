package dev.crmmirror.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmmirror.zoho.CoqlPage;
import dev.crmmirror.zoho.Cursor;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Zoho record → typed mirror row, following the module's mapping. A record that cannot be mapped becomes a
 * {@link MappedRecord.Rejected} carrying every reason, so the run goes on and the record is not lost.
 */
@Component("recordMapper")
public class RecordMapper {

    private static final Pattern ZOHO_ID = Pattern.compile("[0-9]{1,30}");

    public MappedPage map(CoqlPage page, ModuleMapping mapping) {
        List<MappedRecord> out = new ArrayList<>(page.records().size());
        for (ObjectNode record : page.records()) {
            out.add(map(mapping, record));
        }
        return new MappedPage(mapping, page.number(), out, page.end());
    }

    public MappedRecord map(ModuleMapping mapping, ObjectNode record) {
        List<String> problems = new ArrayList<>(0);
        Object[] row = new Object[mapping.dataColumns().size()];

        String id = id(record.get(ModuleMapping.ID), problems);
        row[0] = id;
        JsonNode modified = record.get(ModuleMapping.MODIFIED_TIME);
        OffsetDateTime modifiedTime = null;
        if (modified == null || modified.isNull()) {
            problems.add("Modified_Time is missing: without it crm-mirror cannot tell which version of the record is newer");
        } else {
            modifiedTime = Coercion.datetime(ModuleMapping.MODIFIED_TIME, modified, problems);
        }
        row[mapping.modifiedTimeIndex()] = modifiedTime;
        JsonNode created = record.get(ModuleMapping.CREATED_TIME);
        if (created != null && !created.isNull()) {
            row[mapping.createdTimeIndex()] = Coercion.datetime(ModuleMapping.CREATED_TIME, created, problems);
        }

        int at = 1;
        for (FieldMapping f : mapping.fields()) {
            Coercion.write(f, record.get(f.apiName()), row, at, problems);
            at += f.columns().size();
        }

        ObjectNode custom = customFields(mapping, record);
        if (!custom.isEmpty() && Coercion.jsonStorable("custom_fields", custom, problems)) {
            row[mapping.customFieldsIndex()] = custom.toString();
        }

        Cursor position = id != null && modifiedTime != null ? new Cursor(modifiedTime.toInstant(), id) : null;
        if (!problems.isEmpty()) {
            JsonNode storable = Coercion.sanitized(record);
            return new MappedRecord.Rejected(id, storable.toString(), String.join("; ", problems), position, storable.equals(record));
        }
        return new MappedRecord.Row(row, position, record);
    }

    /** {@code raw} with the characters PostgreSQL cannot store (NUL, broken surrogates) written out as {@code \\uXXXX} text. */
    public static JsonNode storable(JsonNode raw) {
        return Coercion.sanitized(raw);
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

    /**
     * Fields the mapping lists under custom_fields, plus any field Zoho sent that the mapping does not know
     * ({@code $}-prefixed keys are Zoho's own metadata and are dropped).
     */
    private static ObjectNode customFields(ModuleMapping mapping, ObjectNode record) {
        ObjectNode custom = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith("$") || mapping.field(key) != null || key.equals(ModuleMapping.ID)
                    || key.equals(ModuleMapping.CREATED_TIME) || key.equals(ModuleMapping.MODIFIED_TIME)) {
                continue;
            }
            if (!e.getValue().isNull()) {
                custom.set(key, e.getValue());
            }
        }
        return custom;
    }
}
