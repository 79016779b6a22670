package dev.crmmirror.mapping;

import dev.crmmirror.zoho.Cursor;
import dev.crmmirror.zoho.RawRecord;

/**
 * What the mapper made of one Zoho record: a typed row, or a rejection bound for the quarantine table.
 * Both keep the record's place in paging order (null when the record had no usable id or Modified_Time),
 * so a checkpoint can move past a rejected record without losing it.
 */
public sealed interface MappedRecord permits MappedRecord.Row, MappedRecord.Rejected {

    Cursor position();

    /**
     * @param values in {@link ModuleMapping#dataColumns()} order
     * @param raw    the record as Zoho sent it, for the quarantine should PostgreSQL still refuse the row
     */
    record Row(Object[] values, Cursor position, RawRecord raw) implements MappedRecord {

        public Rejected reject(String reason) {
            return new Rejected((String) values[0], raw.tree().toString(), reason, position, true);
        }
    }

    /**
     * @param rawJson    the record as Zoho sent it (characters PostgreSQL cannot hold are written as {@code \\uXXXX} text)
     * @param replayable false when rawJson had to be altered that way, so replaying it would write altered data
     */
    record Rejected(String zohoId, String rawJson, String reason, Cursor position, boolean replayable) implements MappedRecord {
    }
}
