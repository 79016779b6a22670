package dev.crmmirror.sandbox;

/** A field as Zoho's field metadata describes it ({@code GET /crm/v8/settings/fields}); length null when Zoho gives none. */
public record FieldDef(String apiName, String dataType, String jsonType, boolean customField, Integer length) { }
