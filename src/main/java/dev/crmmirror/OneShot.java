package dev.crmmirror;

import dev.crmmirror.config.MirrorProperties;
import dev.crmmirror.routes.ModuleRoutes;
import dev.crmmirror.store.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The one-shot commands, for backfills, container cron jobs and repairs. They go through the same routes as
 * the schedule, then the process exits 0 if every run ended ok and 1 otherwise:
 * <ul>
 *   <li>{@code --crm-mirror.replay-quarantine=Leads}: map the quarantined records again (after the mapping was
 *   fixed) and write those that now land; they leave the quarantine.</li>
 *   <li>{@code --crm-mirror.run-once=Leads,Deals}: one sync of each module (quarantined records do not fail a run).</li>
 * </ul>
 */
@Component
@ConditionalOnExpression("!'${crm-mirror.run-once:}'.isBlank() or !'${crm-mirror.replay-quarantine:}'.isBlank()")
public class OneShot implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(OneShot.class);

    private final MirrorProperties props;
    private final ProducerTemplate producer;
    private int exitCode = 1;

    public OneShot(MirrorProperties props, ProducerTemplate producer) {
        this.props = props;
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean allOk = run("replay-quarantine", props.replayQuarantine(), ModuleRoutes::replayEndpoint);
        allOk &= run("run-once", props.runOnce(), ModuleRoutes::syncEndpoint);
        exitCode = allOk ? 0 : 1;
    }

    private boolean run(String command, List<String> modules, java.util.function.Function<String, String> endpoint) {
        boolean allOk = true;
        for (String module : modules) {
            Exchange done = producer.send(endpoint.apply(module), exchange -> { });
            SyncRun run = done.getProperty("syncRun", SyncRun.class);
            if (run != null && run.status() == SyncRun.Status.OK) {
                log.info("{} {}: ok (run {}, {} read, {} written, {} quarantined, {} deleted, {} API calls, {} credits)", command, module,
                        run.id(), run.read(), run.written(), run.quarantined(), run.deleted(), run.apiCalls(), run.apiCredits());
            } else {
                allOk = false;
                log.error("{} {}: {}", command, module,
                        run == null ? String.valueOf(done.getException()) : run.status().name().toLowerCase() + ": " + run.error());
            }
        }
        return allOk;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
