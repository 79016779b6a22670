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

/**
 * One-shot mode ({@code --crm-mirror.run-once=Leads,Deals}): runs one sync of each listed module through the
 * same routes the schedule uses, then the process exits 0 if every run ended ok (quarantined records do not
 * fail a run) and 1 otherwise. For backfills and container cron jobs.
 */
@Component
@ConditionalOnExpression("!'${crm-mirror.run-once:}'.isBlank()")
public class RunOnce implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(RunOnce.class);

    private final MirrorProperties props;
    private final ProducerTemplate producer;
    private int exitCode = 1;

    public RunOnce(MirrorProperties props, ProducerTemplate producer) {
        this.props = props;
        this.producer = producer;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean allOk = true;
        for (String module : props.runOnce()) {
            Exchange done = producer.send(ModuleRoutes.syncEndpoint(module), exchange -> { });
            SyncRun run = done.getProperty("syncRun", SyncRun.class);
            if (run != null && run.status() == SyncRun.Status.OK) {
                log.info("run-once {}: ok (run {}, {} read, {} written, {} quarantined, {} deleted, {} API calls, {} credits)", module,
                        run.id(), run.read(), run.written(), run.quarantined(), run.deleted(), run.apiCalls(), run.apiCredits());
            } else {
                allOk = false;
                String why = run == null ? String.valueOf(done.getException()) : run.status().name().toLowerCase() + ": " + run.error();
                log.error("run-once {}: {}", module, why);
            }
        }
        exitCode = allOk ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
