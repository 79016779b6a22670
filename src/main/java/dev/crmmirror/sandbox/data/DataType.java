package dev.crmmirror.sandbox.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Zoho field data types with the JSON type Zoho renders them as (zoho-api.md §3.3). */
public enum DataType {
    TEXT("text", "string", 255, ValueKind.TEXT),
    TEXTAREA("textarea", "string", 32000, ValueKind.UNSUPPORTED),
    EMAIL("email", "string", 100, ValueKind.TEXT),
    PHONE("phone", "string", 30, ValueKind.TEXT),
    WEBSITE("website", "string", 255, ValueKind.TEXT),
    PICKLIST("picklist", "string", 120, ValueKind.TEXT),
    MULTISELECT("multiselectpicklist", "jsonarray", 2000, ValueKind.MULTISELECT),
    INTEGER("integer", "integer", 9, ValueKind.NUMBER),
    /** Long integers travel as JSON strings, ids included. */
    BIGINT("bigint", "string", 18, ValueKind.NUMBER),
    DOUBLE("double", "double", 16, ValueKind.NUMBER),
    CURRENCY("currency", "double", 16, ValueKind.NUMBER),
    PERCENT("percent", "double", 5, ValueKind.NUMBER),
    BOOLEAN("boolean", "boolean", null, ValueKind.BOOLEAN),
    DATE("date", "string", null, ValueKind.DATE),
    DATETIME("datetime", "string", null, ValueKind.DATETIME),
    LOOKUP("lookup", "jsonobject", null, ValueKind.LOOKUP),
    OWNERLOOKUP("ownerlookup", "jsonobject", null, ValueKind.LOOKUP),
    LAYOUT("layout", "jsonobject", null, ValueKind.UNSUPPORTED),
    PROFILEIMAGE("profileimage", "string", 255, ValueKind.UNSUPPORTED),
    TERRITORIES("territories", "jsonarray", null, ValueKind.UNSUPPORTED),
    /** Zoho's Tag field: metadata says data_type text, yet the value is an array of {name, id}. */
    TAG("text", "jsonarray", null, ValueKind.UNSUPPORTED);

    private final String apiName;
    private final String jsonType;
    private final Integer length;
    private final ValueKind kind;

    DataType(String apiName, String jsonType, Integer length, ValueKind kind) {
        this.apiName = apiName;
        this.jsonType = jsonType;
        this.length = length;
        this.kind = kind;
    }

    public String apiName() { return apiName; }
    public String jsonType() { return jsonType; }
    public Integer length() { return length; }
    public ValueKind kind() { return kind; }

    /** The type a custom field of this Zoho data_type gets; TAG is never meant (it shares "text"). */
    public static DataType forApiName(String apiName) {
        return Arrays.stream(values())
                .filter(t -> t != TAG && t.apiName.equals(apiName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown data type '" + apiName + "'; known: "
                        + Arrays.stream(values()).filter(t -> t != TAG).map(DataType::apiName)
                                .collect(Collectors.joining(", "))));
    }
}
