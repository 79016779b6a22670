package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FieldsAndRoutingTest {
    private static ZohoSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        client = new SandboxClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void fieldMetadataDescribesEveryField() {
        SandboxClient.Response response = client.get("/crm/v8/settings/fields?module=Leads");

        assertThat(response.status()).isEqualTo(200);
        JsonNode fields = response.json().get("fields");
        assertThat(fields).hasSize(sandbox.module("Leads").fields().size());
        JsonNode languages = null;
        for (JsonNode field : fields) {
            assertThat(field.has("api_name") && field.has("data_type") && field.has("json_type")
                    && field.has("custom_field") && field.has("length")).isTrue();
            if (field.get("api_name").asText().equals("Languages_Known")) languages = field;
        }
        assertThat(languages).isNotNull();
        assertThat(languages.get("custom_field").asBoolean()).isTrue();
        assertThat(languages.get("json_type").asText()).isEqualTo("jsonarray");
    }

    @Test
    void fieldMetadataNeedsAKnownModule() {
        assertThat(client.get("/crm/v8/settings/fields").json().get("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
        SandboxClient.Response unknown = client.get("/crm/v8/settings/fields?module=Nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("INVALID_MODULE");
    }

    @Test
    void unknownPathsAre404InvalidUrlPattern() {
        for (String path : new String[] {"/crm/v8/Leads", "/crm/v7/coql", "/oauth/v2/token/x", "/"}) {
            SandboxClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"code\":\"INVALID_URL_PATTERN\",\"details\":{},"
                    + "\"message\":\"Please check if the URL trying to access is a correct one\",\"status\":\"error\"}");
        }
    }

    @Test
    void coqlOnlyAnswersPost() {
        SandboxClient.Response response = client.get("/crm/v8/coql");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_REQUEST_METHOD");
    }
}
