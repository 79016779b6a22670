package dev.crmmirror.sandbox.data;

import java.util.Map;

/**
 * One live record as the store keeps it. A generated record keeps the seed its values are derived
 * from plus the values changed since ({@code overrides}); a record stored verbatim ({@code generated
 * == false}) is all overrides. Immutable: an edit replaces the record.
 *
 * @param key       the id, or an internal key for a record stored without one
 * @param id        the id as served, null when the record has none
 * @param width     how many schema fields existed when its values were last generated; later
 *                  custom fields stay null until the record is edited
 * @param sortEpoch Modified_Time as epoch seconds for the (Modified_Time, id) index,
 *                  {@link Long#MIN_VALUE} when it has none that parses
 * @param json      its values as served, rendered when it was stored; null for a record served
 *                  the generic way (stored verbatim, or too long)
 */
public record StoredRecord(String key, String id, boolean generated, long seed, int width, long createdEpoch,
                           long modifiedEpoch, long sortEpoch, Map<String, Object> overrides, RecordJson json) {
}
