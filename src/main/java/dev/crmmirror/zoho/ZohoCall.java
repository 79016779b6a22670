package dev.crmmirror.zoho;

import java.io.IOException;
import java.util.Map;

/**
 * One request to the Zoho CRM API and how to read its answer.
 *
 * @param module      the Zoho module it is about, for metrics
 * @param description what this call is, for messages: "COQL page 3 of Leads"
 * @param path        below the API URL, e.g. {@code /crm/v8/coql}
 * @param jsonBody    for POST; null for GET
 * @param credits     what Zoho charges for it (COQL: by LIMIT tier)
 * @param request     what to keep with a dead letter to replay the call (e.g. the COQL query)
 */
public record ZohoCall<T>(String module, String description, String method, String path, Map<String, String> query,
                          Map<String, String> headers, String jsonBody, int credits, String request,
                          Reader<T> reader, ApiMeter meter) {

    /** Reads a 200 body, or makes the empty answer when Zoho says 204 ({@code body} is null then). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] body) throws IOException;
    }

    @Override
    public String toString() {
        return description;
    }
}
