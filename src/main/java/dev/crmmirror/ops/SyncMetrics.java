package dev.crmmirror.ops;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.store.RunHistory;
import dev.crmmirror.store.RunObserver;
import dev.crmmirror.store.SyncRun;
import dev.crmmirror.zoho.TokenBroker;
import dev.crmmirror.zoho.ZohoCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The sync's metrics, per module (Prometheus names): {@code crm_mirror_records_{read,written,quarantined,deleted}_total},
 * {@code crm_mirror_runs_total{status}}, {@code crm_mirror_run_duration_seconds}, {@code crm_mirror_api_{calls,credits}_total},
 * {@code crm_mirror_api_{throttled,retries}_total}, {@code crm_mirror_token_refreshes_total}, and the gauges
 * {@code crm_mirror_freshness_seconds} (since the newest mirrored Modified_Time), {@code crm_mirror_last_ok_run_age_seconds}
 * and {@code crm_mirror_consecutive_failures}. Counters move while a run works, not only when it ends.
 */
@Component
public class SyncMetrics implements RunObserver, ZohoCallListener {

    /** Gauges are read at every scrape; the database is asked at most this often. */
    private static final Duration STATE_TTL = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final RunHistory history;
    private final MirrorProperties props;
    private final Clock clock;
    private volatile Map<String, RunHistory.ModuleState> states = Map.of();
    private volatile Instant statesReadAt = Instant.MIN;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry, RunHistory history, MirrorProperties props, Clock clock, TokenBroker tokens) {
        this.registry = registry;
        this.history = history;
        this.props = props;
        this.clock = clock;
        FunctionCounter.builder("crm.mirror.token.refreshes", tokens, TokenBroker::refreshes)
                .description("Zoho access-token refreshes").register(registry);
        for (String module : props.activeModules()) {
            for (Count c : Count.values()) {
                counter(module, c);
            }
            gauge("crm.mirror.freshness", module, "seconds since the newest Modified_Time in the mirror",
                    s -> s.newestModifiedTime() == null ? Double.NaN : secondsSince(s.newestModifiedTime()));
            gauge("crm.mirror.last.ok.run.age", module, "seconds since the last sync run that ended ok",
                    s -> s.lastOkRunEnded() == null ? Double.NaN : secondsSince(s.lastOkRunEnded()));
            Gauge.builder("crm.mirror.consecutive.failures", this, m -> m.state(module) == null ? 0 : m.state(module).consecutiveFailures())
                    .description("failed sync runs since the last ok one").tag("module", module).register(registry);
        }
    }

    @Override
    public void counted(String module, Count what, long n) {
        counter(module, what).increment(n);
    }

    @Override
    public void ended(SyncRun run) {
        String status = run.status().name().toLowerCase();
        registry.counter("crm.mirror.runs", "module", run.module(), "status", status, "kind", run.kind().name().toLowerCase()).increment();
        if (run.endedAt() != null) {
            Timer.builder("crm.mirror.run.duration").description("how long runs take").tags("module", run.module(), "status", status)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(4))
                    .register(registry).record(Duration.between(run.startedAt(), run.endedAt()));
        }
        statesReadAt = Instant.MIN;
    }

    @Override
    public void throttled(String module) {
        registry.counter("crm.mirror.api.throttled", "module", module).increment();
    }

    @Override
    public void retried(String module) {
        registry.counter("crm.mirror.api.retries", "module", module).increment();
    }

    private Counter counter(String module, Count what) {
        String name = switch (what) {
            case READ -> "crm.mirror.records.read";
            case WRITTEN -> "crm.mirror.records.written";
            case QUARANTINED -> "crm.mirror.records.quarantined";
            case DELETED -> "crm.mirror.records.deleted";
            case API_CALLS -> "crm.mirror.api.calls";
            case API_CREDITS -> "crm.mirror.api.credits";
        };
        return counters.computeIfAbsent(name + "|" + module, k -> Counter.builder(name).tag("module", module).register(registry));
    }

    private void gauge(String name, String module, String description, ToDoubleFunction<RunHistory.ModuleState> value) {
        Gauge.builder(name, this, m -> {
            RunHistory.ModuleState s = m.state(module);
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).description(description).baseUnit("seconds").tag("module", module).register(registry);
    }

    private RunHistory.ModuleState state(String module) {
        if (Duration.between(statesReadAt, clock.instant()).compareTo(STATE_TTL) > 0) {
            Map<String, RunHistory.ModuleState> fresh = new ConcurrentHashMap<>();
            history.states(props.activeModules()).forEach(s -> fresh.put(s.module(), s));
            states = fresh;
            statesReadAt = clock.instant();
        }
        return states.get(module);
    }

    private double secondsSince(Instant t) {
        return Duration.between(t, clock.instant()).toMillis() / 1000.0;
    }
}
