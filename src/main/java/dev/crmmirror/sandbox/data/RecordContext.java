package dev.crmmirror.sandbox.data;

import java.time.ZoneOffset;

/** What a {@link ValueSource} may read about the record it generates a value for. */
public interface RecordContext {
    String id();

    long createdEpoch();

    long modifiedEpoch();

    /** The time zone of the API user this record is shown to; varies between records. */
    ZoneOffset offset();

    /** Another field's current value, so derived fields (Full_Name, Expected_Revenue) stay consistent. */
    Object value(String field);

    Directory directory();
}
