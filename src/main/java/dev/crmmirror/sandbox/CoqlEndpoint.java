package dev.crmmirror.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmmirror.sandbox.coql.CompiledQuery;
import dev.crmmirror.sandbox.coql.CoqlException;
import dev.crmmirror.sandbox.coql.QueryCompiler;
import dev.crmmirror.sandbox.coql.QueryExecutor;
import dev.crmmirror.sandbox.coql.QueryResult;
import dev.crmmirror.sandbox.data.Directory;
import java.io.IOException;
import java.util.Map;

/** {@code POST /crm/v8/coql} with {@code {"select_query": "..."}} (zoho-api.md §2). */
final class CoqlEndpoint implements Endpoint {
    private final Map<String, SandboxModule> modules;
    private final Directory directory;
    private final SandboxStats stats;

    CoqlEndpoint(Map<String, SandboxModule> modules, Directory directory, SandboxStats stats) {
        this.modules = modules;
        this.directory = directory;
        this.stats = stats;
    }

    @Override
    public Reply answer(ApiRequest request) {
        if (!request.method().equals("POST")) {
            return Reply.error(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
        }
        String query = selectQuery(request.body());
        if (query == null) {
            return Reply.error(400, "MANDATORY_NOT_FOUND", "required field not found", Map.of("api_name", "select_query"));
        }
        stats.countCoqlCall(query);
        CompiledQuery compiled;
        try {
            compiled = QueryCompiler.compile(query, name -> modules.containsKey(name) ? modules.get(name).schema() : null);
        } catch (CoqlException e) {
            return Reply.error(400, e.code(), e.getMessage(), e.details());
        }
        QueryResult result = QueryExecutor.execute(compiled, modules.get(compiled.module()).store(), directory);
        stats.countCoqlAnswer(compiled.module(), credits(compiled.limit()));
        return result.rows().isEmpty() ? Reply.noContent() : new Reply(200, Reply.JSON, CoqlPage.render(compiled, result));
    }

    /** Zoho charges by LIMIT, not by rows returned (zoho-api.md §2.4). */
    static int credits(int limit) {
        if (limit <= 200) return 1;
        return limit <= 1000 ? 2 : 3;
    }

    private static String selectQuery(byte[] body) {
        try {
            JsonNode query = Json.MAPPER.readTree(body).path("select_query");
            return query.isTextual() ? query.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
