package dev.crmmirror.config;

import dev.crmmirror.mapping.Names;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to mirror and how ({@code crm-mirror.*}). Checked as a whole at start-up: every problem is reported
 * with the property (or environment variable) that causes it.
 *
 * @param modules          Zoho module API names to keep in sync ({@code CRM_MIRROR_MODULES=Leads,Deals})
 * @param runOnce          when set, sync each of these modules once and exit ({@code --crm-mirror.run-once=Leads})
 * @param replayQuarantine when set, re-process these modules' quarantined records and exit
 * @param mappingsDir      folder of the {@code <module>.yaml} mapping files
 * @param lockStaleAfter   a module lock without heartbeat for this long belongs to a dead process and is taken over
 * @param driftCheckEvery  how often a module's field metadata is compared with its mapping (1 API credit each)
 */
@ConfigurationProperties("crm-mirror")
public record MirrorProperties(
        @DefaultValue("Leads,Deals") List<String> modules,
        @DefaultValue List<String> runOnce,
        @DefaultValue List<String> replayQuarantine,
        @DefaultValue("config/modules") Path mappingsDir,
        SyncSettings defaults,
        @DefaultValue Map<String, SyncSettings> overrides,
        @DefaultValue("10m") Duration lockStaleAfter,
        @DefaultValue("6h") Duration driftCheckEvery,
        @DefaultValue Alerts alerts) {

    /**
     * @param webhookUrl    Slack-compatible incoming webhook; empty turns alerts off
     * @param afterFailures alert when this many runs of a module failed in a row
     */
    public record Alerts(@DefaultValue("") String webhookUrl, @DefaultValue("2") int afterFailures) {

        public boolean enabled() {
            return webhookUrl != null && !webhookUrl.isBlank();
        }
    }

    public MirrorProperties {
        List<String> problems = new ArrayList<>();
        modules = clean(modules);
        runOnce = clean(runOnce);
        replayQuarantine = clean(replayQuarantine);
        overrides = lowerCaseKeys(overrides);
        if (modules.isEmpty() && runOnce.isEmpty() && replayQuarantine.isEmpty()) {
            problems.add("crm-mirror.modules (CRM_MIRROR_MODULES) is empty: name at least one Zoho module, e.g. Leads,Deals");
        }
        checkNames("crm-mirror.modules (CRM_MIRROR_MODULES)", modules, problems);
        checkNames("crm-mirror.run-once", runOnce, problems);
        checkNames("crm-mirror.replay-quarantine", replayQuarantine, problems);
        if (defaults == null) {
            problems.add("crm-mirror.defaults is missing (cron, overlap, page-size, batch-size)");
        } else {
            problems.addAll(defaults.problems("crm-mirror.defaults"));
            overrides.forEach((module, o) -> problems.addAll(defaults.overriddenBy(o).problems("crm-mirror.overrides." + module)));
        }
        if (lockStaleAfter == null || lockStaleAfter.compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add("crm-mirror.lock-stale-after must be at least 10s, got " + lockStaleAfter);
        }
        if (driftCheckEvery == null || driftCheckEvery.isNegative()) {
            problems.add("crm-mirror.drift-check-every must be a duration such as 6h, got " + driftCheckEvery);
        }
        if (alerts == null) {
            alerts = new Alerts("", 2);
        } else if (alerts.afterFailures() < 1) {
            problems.add("crm-mirror.alerts.after-failures must be 1 or more, got " + alerts.afterFailures());
        } else if (alerts.enabled() && !alerts.webhookUrl().matches("https?://.+")) {
            problems.add("crm-mirror.alerts.webhook-url (CRM_MIRROR_ALERTS_WEBHOOK_URL) must be an http(s) URL, got " + alerts.webhookUrl());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(String.join("; ", problems),
                    "Correct these settings in config/application.yml or their environment variables.");
        }
    }

    /** The modules this process works on: those of the one-shot commands if given, otherwise {@link #modules()}. */
    public List<String> activeModules() {
        if (!oneShot()) {
            return modules;
        }
        return java.util.stream.Stream.concat(runOnce.stream(), replayQuarantine.stream()).distinct().toList();
    }

    /** {@code run-once} or {@code replay-quarantine}: do that, then exit; no schedules. */
    public boolean oneShot() {
        return !runOnce.isEmpty() || !replayQuarantine.isEmpty();
    }

    public SyncSettings settingsFor(String module) {
        // keys are lower-cased because environment variables arrive that way (CRM_MIRROR_OVERRIDES_LEADS_CRON → leads)
        return defaults.overriddenBy(overrides.get(module.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, SyncSettings> lowerCaseKeys(Map<String, SyncSettings> map) {
        Map<String, SyncSettings> out = new java.util.HashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return Map.copyOf(out);
    }

    private static List<String> clean(List<String> names) {
        return names == null ? List.of() : names.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void checkNames(String property, List<String> names, List<String> problems) {
        var seen = new HashSet<String>();
        for (String n : names) {
            if (!Names.isApiName(n)) {
                problems.add(property + ": '" + n + "' is not a Zoho module API name");
            } else if (!seen.add(n)) {
                problems.add(property + ": " + n + " is listed twice");
            }
        }
    }
}
