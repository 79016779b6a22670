package dev.crmmirror.routes;

import dev.crmmirror.config.MirrorProperties;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Instantiates the route templates of {@code routes/zoho-sync.camel.yaml} once per configured module, so a
 * new module is a line of configuration and a mapping file, not new routes. Camel reads this bean when the
 * context starts. In run-once mode there are no schedules: {@code RunOnce} calls the sync routes itself.
 */
@Component
public class ModuleRoutes implements RouteTemplateParameterSource {

    public static final String SYNC_TEMPLATE = "zoho-module-sync";
    public static final String SCHEDULE_TEMPLATE = "zoho-module-schedule";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public ModuleRoutes(MirrorProperties props) {
        for (String module : props.activeModules()) {
            routes.put(syncRouteId(module), Map.of(TEMPLATE_ID, SYNC_TEMPLATE, "module", module));
            if (!props.runOnceMode()) {
                routes.put("zoho-schedule-" + module.toLowerCase(Locale.ROOT),
                        Map.of(TEMPLATE_ID, SCHEDULE_TEMPLATE, "module", module, "cron", props.settingsFor(module).cron()));
            }
        }
    }

    public static String syncRouteId(String module) {
        return "zoho-sync-" + module.toLowerCase(Locale.ROOT);
    }

    /** The endpoint that runs one sync of {@code module} synchronously. */
    public static String syncEndpoint(String module) {
        return "direct:zoho-sync-" + module;
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.get(routeId));
    }

    @Override
    public Set<String> routeIds() {
        return routes.keySet();
    }
}
