package dev.crmmirror.sandbox.data;

/** How COQL compares a field's values (zoho-api.md §2.6): the operators allowed and the literal form expected. */
public enum ValueKind {
    TEXT, MULTISELECT, NUMBER, DATE, DATETIME, BOOLEAN, LOOKUP,
    /** Fields COQL cannot use in criteria: multi-line text, Tag, territories, layout, images. */
    UNSUPPORTED
}
