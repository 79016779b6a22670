package dev.crmmirror.routes;

import dev.crmmirror.config.MirrorProperties;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Instantiates the route templates of {@code routes/} once per configured module, so a new module is a line of
 * configuration and a mapping file, not new routes. Camel reads this bean when the context starts. One-shot
 * commands (run-once, replay-quarantine) get no schedules: {@code OneShot} calls the routes itself.
 */
@Component
public class ModuleRoutes implements RouteTemplateParameterSource {

    public static final String SYNC_TEMPLATE = "zoho-module-sync";
    public static final String SCHEDULE_TEMPLATE = "zoho-module-schedule";
    public static final String REPLAY_TEMPLATE = "zoho-module-replay";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    public ModuleRoutes(MirrorProperties props) {
        for (String module : props.activeModules()) {
            routes.put(syncRouteId(module), Map.of(TEMPLATE_ID, SYNC_TEMPLATE, "module", module));
            routes.put("zoho-replay-" + module.toLowerCase(Locale.ROOT), Map.of(TEMPLATE_ID, REPLAY_TEMPLATE, "module", module));
            if (!props.oneShot()) {
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

    /** The endpoint that re-processes {@code module}'s quarantined records synchronously. */
    public static String replayEndpoint(String module) {
        return "direct:zoho-replay-" + module;
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
