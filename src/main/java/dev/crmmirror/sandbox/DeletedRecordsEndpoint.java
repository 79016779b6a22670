package dev.crmmirror.sandbox;

import dev.crmmirror.sandbox.data.DeletedRecord;
import dev.crmmirror.sandbox.data.ZohoTime;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /crm/v8/{Module}/deleted?type=&page=&per_page=} with optional If-Modified-Since
 * (zoho-api.md §4): newest first, 204 when nothing.
 */
final class DeletedRecordsEndpoint implements Endpoint {
    private static final int MAX_PER_PAGE = 200;
    private static final Set<String> TYPES = Set.of("all", "recycle", "permanent");

    private final Map<String, SandboxModule> modules;
    private final SandboxStats stats;

    DeletedRecordsEndpoint(Map<String, SandboxModule> modules, SandboxStats stats) {
        this.modules = modules;
        this.stats = stats;
    }

    @Override
    public Reply answer(ApiRequest request) {
        stats.countDeletedCall();
        if (!request.method().equals("GET")) {
            return Reply.error(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
        }
        SandboxModule module = modules.get(request.path().split("/")[3]);
        if (module == null) return Reply.error(400, "INVALID_MODULE", "the module name given seems to be invalid");
        String type = request.query().getOrDefault("type", "all");
        if (!TYPES.contains(type)) {
            return Reply.error(400, "PATTERN_NOT_MATCHED", "Please check whether the input values are correct",
                    Map.of("param_name", "type"));
        }
        Integer page = positive(request.query().get("page"), 1, Integer.MAX_VALUE);
        if (page == null) return invalid("page");
        Integer perPage = positive(request.query().get("per_page"), MAX_PER_PAGE, MAX_PER_PAGE);
        if (perPage == null) return invalid("per_page");
        long since;
        try {
            String header = request.header("If-Modified-Since");
            since = header == null ? Long.MIN_VALUE : ZohoTime.parseLenient(header.strip());
        } catch (DateTimeException e) {
            return invalid("If-Modified-Since");
        }

        long skip = (long) (page - 1) * perPage;
        List<DeletedRecord> window = module.store().read(() -> module.store().deletions().stream()
                .filter(d -> d.deletedEpoch() > since && (type.equals("all") || type.equals(d.type())))
                .skip(skip)
                .limit(perPage + 1L)
                .toList());
        if (window.isEmpty()) return Reply.noContent();
        List<Map<String, Object>> data = new ArrayList<>();
        for (DeletedRecord deletion : window.subList(0, Math.min(perPage, window.size()))) {
            data.add(render(deletion));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", data.size());
        info.put("page", page);
        info.put("more_records", window.size() > perPage);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info);
        return Reply.json(200, body);
    }

    private static Map<String, Object> render(DeletedRecord deletion) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("deleted_by", deletion.deletedBy());
        entry.put("id", deletion.id());
        entry.put("display_name", deletion.displayName());
        entry.put("type", deletion.type());
        entry.put("created_by", deletion.createdBy());
        entry.put("deleted_time", ZohoTime.format(deletion.deletedEpoch(), deletion.offset()));
        return entry;
    }

    /** The parameter's value within 1..max, its default when absent, null when invalid. */
    private static Integer positive(String value, int absent, int max) {
        if (value == null) return absent;
        try {
            int number = Integer.parseInt(value);
            return number >= 1 && number <= max ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reply invalid(String parameter) {
        return Reply.error(400, "INVALID_DATA", "the given data is not valid", Map.of("param_name", parameter));
    }
}
