package dev.crmmirror.sandbox.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's fields in a fixed order. Immutable: adding a field makes a new schema, so queries
 * that already hold the old one are unaffected. A field's position never changes, which keeps
 * generated values stable.
 */
public final class ModuleSchema {
    private final String module;
    private final String displayField;
    private final List<FieldSpec> fields;
    private final Map<String, Integer> positions = new HashMap<>();

    public ModuleSchema(String module, String displayField, List<FieldSpec> fields) {
        this.module = module;
        this.displayField = displayField;
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            if (positions.put(this.fields.get(i).apiName(), i) != null) {
                throw new IllegalArgumentException("duplicate field " + this.fields.get(i).apiName());
            }
        }
    }

    public ModuleSchema with(FieldSpec field) {
        List<FieldSpec> more = new ArrayList<>(fields);
        more.add(field);
        return new ModuleSchema(module, displayField, more);
    }

    /** The module's API name, e.g. Leads. */
    public String module() { return module; }

    public List<FieldSpec> fields() { return fields; }

    public int size() { return fields.size(); }

    /** The field that names a record in the recycle bin (Full_Name, Deal_Name). */
    public String displayField() { return displayField; }

    /** Position of the field, or -1 when the module has no such field. */
    public int position(String apiName) {
        Integer position = positions.get(apiName);
        return position == null ? -1 : position;
    }

    public FieldSpec field(String apiName) {
        int position = position(apiName);
        return position < 0 ? null : fields.get(position);
    }
}
