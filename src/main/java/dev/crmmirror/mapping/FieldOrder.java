package dev.crmmirror.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.Arrays;

/**
 * The field names of a page's records, in the order they came, each with what the mapper does with it. Zoho writes
 * every record of a COQL page with the same fields in the same order (the select list), so for each field the parser
 * first checks whether the bytes spell the name the previous record had there, which costs a comparison, instead
 * of decoding the name and looking it up: a Lead has some fifty fields. Any other name is looked up and learnt.
 *
 * <p>A page starts from the order the module's previous page ended with ({@link Learnt}), so only the first page
 * learns: learning in the middle of a run would also make the JIT throw away the compiled mapper, which inlines this.
 */
final class FieldOrder {

    /**
     * TEXT: a mapped text or picklist field, whose strings may be stored as sent ({@link Utf8Text}); LOOKUP: a mapped
     * lookup, whose id and name may be.
     */
    enum Kind { ID, MODIFIED_TIME, CREATED_TIME, ZOHO_METADATA, TEXT, LOOKUP, MAPPED, UNMAPPED }

    record Field(SerializedString name, Kind kind, ModuleMapping.Placed placed) {
    }

    /** The order a module's pages last had, shared by the pages mapped after it (on any thread: it is only a hint). */
    static final class Learnt {
        private volatile Field[] fields = new Field[64];
    }

    private final ModuleMapping mapping;
    private final Learnt learnt;
    private Field[] fields;

    FieldOrder(ModuleMapping mapping, Learnt learnt) {
        this.mapping = mapping;
        this.learnt = learnt;
        this.fields = learnt.fields.clone();
    }

    /** Moves {@code p} to the next field name of the object and answers that field, or null at the object's end. */
    Field next(JsonParser p, int index) throws IOException {
        Field expected = index < fields.length ? fields[index] : null;
        if (expected != null) {
            if (p.nextFieldName(expected.name())) {
                return expected;
            }
        } else {
            p.nextToken();
        }
        if (p.currentToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        Field seen = field(p.currentName());
        if (index >= fields.length) {
            fields = Arrays.copyOf(fields, index * 2);
        }
        fields[index] = seen;
        learnt.fields = fields.clone();
        return seen;
    }

    private Field field(String name) {
        ModuleMapping.Placed placed = mapping.placed(name);
        Kind kind = switch (name) {
            case ModuleMapping.ID -> Kind.ID;
            case ModuleMapping.MODIFIED_TIME -> Kind.MODIFIED_TIME;
            case ModuleMapping.CREATED_TIME -> Kind.CREATED_TIME;
            default -> name.startsWith("$") ? Kind.ZOHO_METADATA
                    : placed == null ? Kind.UNMAPPED
                    : placed.field().type() == FieldType.TEXT || placed.field().type() == FieldType.PICKLIST ? Kind.TEXT
                    : placed.field().type() == FieldType.LOOKUP ? Kind.LOOKUP
                    : Kind.MAPPED;
        };
        SerializedString serialized = new SerializedString(name);
        serialized.asQuotedUTF8(); // computed once now, not on the first comparison
        return new Field(serialized, kind, placed);
    }
}
