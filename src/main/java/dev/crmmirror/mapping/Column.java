package dev.crmmirror.mapping;

/** A mirror-table column as the mapping derives it: name and PostgreSQL type. */
public record Column(String name, String sqlType) {
}
