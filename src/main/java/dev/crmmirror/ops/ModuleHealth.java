package dev.crmmirror.ops;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.store.RunHistory;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /actuator/health/syncModules/<module>}: DOWN when the module's last runs failed
 * ({@code crm-mirror.health.down-after-failures} in a row) or when its last ok run is older than
 * {@code crm-mirror.health.stale-after-schedules} times its schedule. Not part of the readiness probe: a Zoho
 * outage is not fixed by restarting or unrouting the pod, it is an alert.
 */
@Component("syncModules")
public class ModuleHealth implements CompositeHealthContributor {

    @ConfigurationProperties("crm-mirror.health")
    public record Settings(@DefaultValue("2") int downAfterFailures, @DefaultValue("3") int staleAfterSchedules) {
    }

    private final Map<String, HealthContributor> modules = new LinkedHashMap<>();
    private final Instant startedAt;

    public ModuleHealth(MirrorProperties props, RunHistory history, Settings settings, Clock clock) {
        this.startedAt = clock.instant();
        for (String module : props.activeModules()) {
            Duration schedule = Schedules.interval(props.settingsFor(module).cron());
            Duration staleAfter = schedule.multipliedBy(settings.staleAfterSchedules());
            modules.put(module.toLowerCase(Locale.ROOT), (HealthIndicator) () -> {
                RunHistory.ModuleState s = history.states(java.util.List.of(module)).get(0);
                Instant lastOk = s.lastOkRunEnded();
                Duration sinceOk = Duration.between(lastOk != null ? lastOk : startedAt, clock.instant());
                Health.Builder health = s.consecutiveFailures() >= settings.downAfterFailures() || sinceOk.compareTo(staleAfter) > 0
                        ? Health.down() : Health.up();
                health.withDetail("module", module)
                        .withDetail("consecutiveFailures", s.consecutiveFailures())
                        .withDetail("lastOkRunEnded", String.valueOf(lastOk))
                        .withDetail("newestModifiedTime", String.valueOf(s.newestModifiedTime()))
                        .withDetail("schedule", props.settingsFor(module).cron())
                        .withDetail("staleAfter", staleAfter.toString());
                if (s.lastError() != null && "failed".equals(s.lastStatus())) {
                    health.withDetail("lastError", s.lastError());
                }
                return health.build();
            });
        }
    }

    @Override
    public HealthContributor getContributor(String name) {
        return modules.get(name);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return modules.entrySet().stream().map(e -> NamedContributor.of(e.getKey(), e.getValue())).iterator();
    }
}
