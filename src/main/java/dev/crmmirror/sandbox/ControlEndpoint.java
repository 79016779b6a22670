package dev.crmmirror.sandbox;

import dev.crmmirror.sandbox.data.StoredRecord;
import dev.crmmirror.sandbox.data.ZohoTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sandbox's own control surface under {@code /__sandbox/}, for a client in another process (the benchmark):
 * not part of Zoho's API, so it bypasses the CRM pipeline (no faults, no token, not counted in the stats).
 * It takes no credentials and never shows any; it listens on loopback like the rest of the sandbox.
 * <ul>
 *   <li>{@code GET /__sandbox/stats}: {@link SandboxStats} as JSON</li>
 *   <li>{@code POST /__sandbox/stats/reset}: counters back to zero</li>
 *   <li>{@code POST /__sandbox/edit?module=Leads&count=1}: edits random live records as a user would
 *   ({@link SandboxModule#editRandom}); answers their ids and new Modified_Time</li>
 * </ul>
 */
final class ControlEndpoint implements Endpoint {
    static final String PREFIX = "/__sandbox/";
    private static final int MAX_EDITS = 10_000;

    private final Map<String, SandboxModule> modules;
    private final SandboxStats stats;

    ControlEndpoint(Map<String, SandboxModule> modules, SandboxStats stats) {
        this.modules = modules;
        this.stats = stats;
    }

    @Override
    public Reply answer(ApiRequest request) {
        return switch (request.path()) {
            case PREFIX + "stats" -> only("GET", request, this::stats);
            case PREFIX + "stats/reset" -> only("POST", request, () -> {
                stats.reset();
                return Reply.json(200, Map.of("reset", true));
            });
            case PREFIX + "edit" -> only("POST", request, () -> edit(request.query()));
            default -> error(404, "no such sandbox control: " + request.path()
                    + " (GET /__sandbox/stats, POST /__sandbox/stats/reset, POST /__sandbox/edit?module=&count=)");
        };
    }

    private Reply stats() {
        Map<String, Long> coqlByModule = new LinkedHashMap<>();
        for (String module : modules.keySet()) coqlByModule.put(module, stats.coqlCalls(module));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", stats.requests());
        body.put("coqlCalls", stats.coqlCalls());
        body.put("coqlCallsByModule", coqlByModule);
        body.put("coqlCredits", stats.coqlCredits());
        body.put("deletedCalls", stats.deletedCalls());
        body.put("tokenRefreshes", stats.tokenRefreshes());
        body.put("unauthorized", stats.unauthorized());
        body.put("faultsInjected", stats.faultsInjected());
        body.put("maxConcurrent", stats.maxConcurrent());
        return Reply.json(200, body);
    }

    private Reply edit(Map<String, String> params) {
        SandboxModule module = modules.get(params.getOrDefault("module", ""));
        if (module == null) return error(400, "module must be one of " + String.join(", ", modules.keySet()));
        int count;
        try {
            count = Integer.parseInt(params.getOrDefault("count", "1"));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_EDITS) return error(400, "count must be 1.." + MAX_EDITS);
        List<String> ids = module.editRandom(count);
        List<Map<String, Object>> edited = new ArrayList<>();
        module.store().read(() -> {
            for (String id : ids) {
                StoredRecord record = module.store().get(id);
                if (record == null) continue; // deleted meanwhile
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("Modified_Time", ZohoTime.format(record.modifiedEpoch(), ZoneOffset.UTC));
                edited.add(row);
            }
            return null;
        });
        return Reply.json(200, Map.of("data", edited));
    }

    private static Reply only(String method, ApiRequest request, Supplier<Reply> answer) {
        return request.method().equals(method) ? answer.get() : error(405, request.path() + " answers " + method + " only");
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, Map.of("error", message));
    }
}
