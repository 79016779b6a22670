package dev.crmmirror.sandbox.data;

import java.util.SplittableRandom;

/**
 * Produces one field's value of one record. Must depend only on the record and the random it is
 * given, so that a record's values can be recomputed at any time instead of being stored, and agree
 * with the JSON rendered when the record was stored ({@link RecordJson}).
 */
@FunctionalInterface
public interface ValueSource {
    Object generate(RecordContext record, SplittableRandom random);
}
