package dev.crmmirror.sandbox.data;

import java.time.ZoneOffset;
import java.util.Map;

/** An entry of the Deleted Records API (zoho-api.md §4); {@code type} is "recycle" or "permanent". */
public record DeletedRecord(String id, String displayName, String type, Map<String, Object> deletedBy,
                            Map<String, Object> createdBy, long deletedEpoch, ZoneOffset offset) {
}
