package dev.crmmirror.sandbox.data;

/**
 * One field of a module.
 *
 * @param editable whether a user would change it (random edits pick only these; system and derived
 *                 fields follow from the others)
 * @param target   what a lookup points at, null for other fields
 */
public record FieldSpec(String apiName, DataType type, boolean custom, boolean editable, EntityKind target,
                        ValueSource source) {
}
