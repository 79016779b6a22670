package dev.crmmirror.ops;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.store.RunHistory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /actuator/syncruns}: each module's state and its last runs, as JSON (the page {@code /runs} shows the same). */
@Component
@Endpoint(id = "syncruns")
public class SyncRunsEndpoint {

    static final int RUNS_PER_MODULE = 20;

    public record ModuleRuns(RunHistory.ModuleState state, List<RunHistory.Run> runs) {
    }

    private final RunHistory history;
    private final MirrorProperties props;

    public SyncRunsEndpoint(RunHistory history, MirrorProperties props) {
        this.history = history;
        this.props = props;
    }

    @ReadOperation
    public Map<String, ModuleRuns> runs() {
        Map<String, ModuleRuns> out = new LinkedHashMap<>();
        for (RunHistory.ModuleState s : history.states(props.activeModules())) {
            out.put(s.module(), new ModuleRuns(s, history.recentRuns(s.module(), RUNS_PER_MODULE)));
        }
        return out;
    }
}
