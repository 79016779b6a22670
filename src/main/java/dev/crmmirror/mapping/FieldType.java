package dev.crmmirror.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The types a mapping file may give a Zoho field, and the PostgreSQL column type each lands in.
 * A lookup is the one type that becomes two columns ({@code <x>_id}, {@code <x>_name}).
 */
public enum FieldType {
    TEXT("text"),
    PICKLIST("text"),
    INTEGER("integer"),
    BIGINT("bigint"),
    DECIMAL("numeric"),
    CURRENCY("numeric(14,2)"),
    BOOLEAN("boolean"),
    DATE("date"),
    DATETIME("timestamptz"),
    MULTISELECT("text[]"),
    LOOKUP("text"),
    JSON("jsonb");

    private final String sqlType;

    FieldType(String sqlType) {
        this.sqlType = sqlType;
    }

    public String sqlType() {
        return sqlType;
    }

    /** The name used in mapping files: {@code text}, {@code currency}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FieldType fromConfig(String name) {
        for (FieldType t : values()) {
            if (t.configName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "' (known types: " + configNames() + ")");
    }

    public static String configNames() {
        return Arrays.stream(values()).map(FieldType::configName).collect(Collectors.joining(", "));
    }

    public static List<FieldType> textual() {
        return List.of(TEXT, PICKLIST);
    }
}
