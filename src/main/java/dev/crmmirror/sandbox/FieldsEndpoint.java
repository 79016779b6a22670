package dev.crmmirror.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /crm/v8/settings/fields?module=} (zoho-api.md §3.3): the field metadata a sync maps by. */
final class FieldsEndpoint implements Endpoint {
    private final Map<String, SandboxModule> modules;

    FieldsEndpoint(Map<String, SandboxModule> modules) {
        this.modules = modules;
    }

    @Override
    public Reply answer(ApiRequest request) {
        String name = request.query().get("module");
        if (name == null) {
            return Reply.error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                    Map.of("param_name", "module"));
        }
        SandboxModule module = modules.get(name);
        if (module == null) return Reply.error(400, "INVALID_MODULE", "the module name given seems to be invalid");
        List<Map<String, Object>> fields = module.fields().stream().map(FieldsEndpoint::render).toList();
        return Reply.json(200, Map.of("fields", fields));
    }

    private static Map<String, Object> render(FieldDef field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api_name", field.apiName());
        json.put("data_type", field.dataType());
        json.put("json_type", field.jsonType());
        json.put("custom_field", field.customField());
        json.put("length", field.length());
        return json;
    }
}
