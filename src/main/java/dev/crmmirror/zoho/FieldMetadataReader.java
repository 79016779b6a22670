package dev.crmmirror.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /crm/v8/settings/fields?module=...}: the fields a module has in Zoho right now. */
@Component
public class FieldMetadataReader {

    public record ZohoField(String apiName, String dataType) {
    }

    private final ZohoApi api;

    public FieldMetadataReader(ZohoApi api) {
        this.api = api;
    }

    public List<ZohoField> fields(String module, ApiMeter meter) {
        return api.execute(new ZohoCall<>(module, "field metadata of " + module, "GET", "/crm/v8/settings/fields", Map.of("module", module),
                Map.of(), null, 1, "GET /crm/v8/settings/fields?module=" + module, body -> {
                    List<ZohoField> fields = new ArrayList<>();
                    if (body != null) {
                        for (JsonNode f : CoqlPage.JSON.readTree(body).path("fields")) {
                            if (f.hasNonNull("api_name")) {
                                fields.add(new ZohoField(f.get("api_name").asText(), f.path("data_type").asText("")));
                            }
                        }
                    }
                    return fields;
                }, meter));
    }
}
