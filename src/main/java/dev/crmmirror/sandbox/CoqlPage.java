package dev.crmmirror.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.crmmirror.sandbox.coql.Column;
import dev.crmmirror.sandbox.coql.CompiledQuery;
import dev.crmmirror.sandbox.coql.QueryResult;
import dev.crmmirror.sandbox.data.RecordJson;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.ZohoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a COQL answer: {@code {"data":[rows],"info":{"count":..,"more_records":..}}}, each row the
 * selected columns in query order, then the id when it was not selected (Zoho always returns it).
 * Values a stored record has rendered ({@link RecordJson}) are copied as they are; the rest (dotted columns,
 * records stored verbatim, fields added after the record was stored) is serialised here, to the same bytes.
 */
final class CoqlPage {
    private static final String ID = "id";
    private static final byte[] START = "{\"data\":[".getBytes(StandardCharsets.US_ASCII);

    /**
     * A column of the output.
     *
     * @param key      {@code ,"name":} as JSON; the first column of a row goes without the comma
     * @param position where a stored record's rendered values hold it, -1 when they cannot (a dotted column)
     */
    private record OutputColumn(Column column, byte[] key, int position, boolean isId) { }

    private CoqlPage() { }

    /** Written straight as bytes: a 2,000-row page of wide records is megabytes, and no intermediate tree is needed. */
    static byte[] render(CompiledQuery query, QueryResult result) {
        List<OutputColumn> columns = outputColumns(query);
        ByteArrayBuilder out = new ByteArrayBuilder(64 * 1024);
        try (JsonGenerator values = ZohoJson.valueWriter(out)) {
            out.write(START);
            List<RecordView> rows = result.rows();
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) out.write(',');
                writeRow(rows.get(i), columns, out, values);
            }
            out.write(("],\"info\":{\"count\":" + rows.size() + ",\"more_records\":" + result.moreRecords() + "}}")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRow(RecordView record, List<OutputColumn> columns, ByteArrayBuilder out,
                                 JsonGenerator values) throws IOException {
        RecordJson json = record.record().json();
        out.write('{');
        int from = 1; // no comma before a row's first column
        for (OutputColumn column : columns) {
            // a record stored without an id has none to show, selected or not
            if (column.isId() && record.id() == null) continue;
            out.write(column.key(), from, column.key().length - from);
            from = 0;
            if (json != null && column.position() >= 0 && column.position() < json.fields()) {
                json.copyValue(column.position(), out);
            } else {
                ZohoJson.write(values, column.column().value(record));
                values.flush();
            }
        }
        out.write('}');
    }

    private static List<OutputColumn> outputColumns(CompiledQuery query) {
        List<Column> columns = new ArrayList<>(query.columns());
        if (columns.stream().noneMatch(column -> column.name().equals(ID))) {
            columns.add(new Column(ID, query.schema().field(ID), null));
        }
        List<OutputColumn> output = new ArrayList<>(columns.size());
        for (Column column : columns) {
            byte[] key = (",\"" + new String(JsonStringEncoder.getInstance().quoteAsString(column.name())) + "\":")
                    .getBytes(StandardCharsets.UTF_8);
            int position = column.attribute() == null ? query.schema().position(column.field().apiName()) : -1;
            output.add(new OutputColumn(column, key, position, column.name().equals(ID)));
        }
        return output;
    }
}
