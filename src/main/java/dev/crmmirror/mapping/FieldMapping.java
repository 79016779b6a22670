package dev.crmmirror.mapping;

import java.util.List;

/**
 * One line of a mapping file: a Zoho field (by API name), its type and where it lands.
 *
 * @param column    the column, or for a lookup the prefix of its {@code _id}/{@code _name} columns
 * @param maxLength for text: longer values are quarantined rather than silently cut
 */
public record FieldMapping(String apiName, FieldType type, String column, int maxLength) {

    /** Zoho's own ceiling for a text area; nothing legitimate is longer. */
    public static final int DEFAULT_MAX_LENGTH = 32_000;

    public List<Column> columns() {
        if (type == FieldType.LOOKUP) {
            return List.of(new Column(column + "_id", "text"), new Column(column + "_name", "text"));
        }
        return List.of(new Column(column, type.sqlType()));
    }
}
