package dev.crmmirror.sandbox.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A record's field values as JSON, rendered once when the record is stored, so that serving a page is
 * copying bytes rather than recomputing every value from the seed and serialising it on each read. Belongs
 * to one {@link StoredRecord}, which an edit replaces, so it cannot go stale.
 */
public final class RecordJson {
    /** Offsets are chars: two bytes per field keep a million records small; longer records are not rendered. */
    private static final int MAX_LENGTH = Character.MAX_VALUE;

    /** The fields' values back to back, in schema order. */
    private final byte[] values;
    /** Where each field's value ends in {@code values}; the next one starts there. */
    private final char[] ends;

    private RecordJson(byte[] values, char[] ends) {
        this.values = values;
        this.ends = ends;
    }

    /** The values of these fields (a schema's first fields, in order), or null when they are too long to keep. */
    static RecordJson render(RecordView record, List<FieldSpec> fields) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        char[] ends = new char[fields.size()];
        try (JsonGenerator json = ZohoJson.valueWriter(bytes)) {
            for (int i = 0; i < ends.length; i++) {
                ZohoJson.write(json, record.value(fields.get(i).apiName()));
                json.flush();
                if (bytes.size() > MAX_LENGTH) return null;
                ends[i] = (char) bytes.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordJson(bytes.toByteArray(), ends);
    }

    /** How many fields, from the schema's first, were rendered. */
    public int fields() {
        return ends.length;
    }

    /** Appends the JSON value of the field at this schema position, which must be below {@link #fields()}. */
    public void copyValue(int position, ByteArrayBuilder out) {
        int start = position == 0 ? 0 : ends[position - 1];
        out.write(values, start, ends[position] - start);
    }
}
