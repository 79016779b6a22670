package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.Entity;
import dev.crmmirror.sandbox.data.FieldSpec;
import dev.crmmirror.sandbox.data.ModuleSchema;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.ValueKind;
import java.util.Map;

/**
 * A column as a query names it: a field, or an attribute reached through a lookup
 * ({@code Owner.last_name}), whose value comes back under the dotted name.
 *
 * @param attribute null for a plain field
 */
public record Column(String name, FieldSpec field, String attribute) {

    static Column resolve(String name, ModuleSchema schema) {
        int dot = name.indexOf('.');
        FieldSpec field = schema.field(dot < 0 ? name : name.substring(0, dot));
        if (field == null) throw CoqlException.invalidColumn(name);
        if (dot < 0) return new Column(name, field, null);
        String attribute = name.substring(dot + 1);
        if (field.target() == null || !field.target().hasAttribute(attribute)) throw CoqlException.invalidColumn(name);
        return new Column(name, field, attribute);
    }

    /** Attributes reached through a lookup are compared as text. */
    ValueKind kind() {
        return attribute == null ? field.type().kind() : ValueKind.TEXT;
    }

    public Object value(RecordView record) {
        Object value = record.value(field.apiName());
        if (attribute == null) return value;
        if (!(value instanceof Map<?, ?> lookup) || lookup.get("id") == null) return null;
        String id = lookup.get("id").toString();
        Entity entity = record.directory().find(id);
        if (entity != null) return entity.attribute(attribute);
        // a lookup set by hand to an id the sandbox never issued: only what the value itself says
        if (attribute.equals("id")) return id;
        return attribute.equals(field.target().nameAttribute()) ? lookup.get("name") : null;
    }
}
