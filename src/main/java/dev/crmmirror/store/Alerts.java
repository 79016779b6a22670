package dev.crmmirror.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.config.MirrorProperties;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Tells people when a module keeps failing: once its runs have failed {@code crm-mirror.alerts.after-failures}
 * times in a row, one message to the Slack-compatible webhook; when a run ends ok again, one "recovered"
 * message. The open incident lives in {@code sync.alerts}, so restarts and other instances do not repeat it.
 * A webhook that cannot be reached is logged and tried again after the next failed run; it never fails a run.
 */
@Component("alerts")
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ENDPOINT = "direct:zoho-sync-alert";

    private final JdbcTemplate jdbc;
    private final RunHistory history;
    private final ProducerTemplate producer;
    private final MirrorProperties.Alerts settings;

    public Alerts(JdbcTemplate jdbc, RunHistory history, ProducerTemplate producer, MirrorProperties props) {
        this.jdbc = jdbc;
        this.history = history;
        this.producer = producer;
        this.settings = props.alerts();
    }

    public void runEnded(SyncRun run) {
        if (run == null || run.kind() != SyncRun.Kind.SYNC || run.status() == SyncRun.Status.SKIPPED) {
            return;
        }
        if (run.status() == SyncRun.Status.OK) {
            recovered(run);
        } else if (run.status() == SyncRun.Status.FAILED) {
            failed(run);
        }
    }

    private void failed(SyncRun run) {
        int failures = history.consecutiveFailures(run.module());
        if (failures < settings.afterFailures()) {
            return;
        }
        List<String> runIds = jdbc.queryForList("""
                SELECT id::text FROM sync.runs WHERE module = ? AND kind = 'sync' AND status = 'failed' ORDER BY started_at DESC LIMIT ?""",
                String.class, run.module(), failures);
        Boolean notified = jdbc.queryForObject("""
                INSERT INTO sync.alerts (module, failures, last_error, run_ids) VALUES (?, ?, ?, ?::uuid[])
                ON CONFLICT (module) DO UPDATE SET failures = excluded.failures, last_error = excluded.last_error, run_ids = excluded.run_ids
                RETURNING notified_at IS NOT NULL""", Boolean.class, run.module(), failures, run.error(), runIds.toArray(String[]::new));
        if (Boolean.TRUE.equals(notified)) {
            return; // one alert per incident
        }
        String text = ":rotating_light: crm-mirror: the last " + failures + " syncs of Zoho " + run.module() + " failed.\n"
                + "Last error: " + run.error() + "\nRuns: " + String.join(", ", runIds)
                + "\nSee sync.runs and sync.dead_letters; the mirror of " + run.module() + " is not being updated.";
        if (send(run.module(), text, Map.of("module", run.module(), "status", "failing", "failures", failures,
                "last_error", String.valueOf(run.error()), "run_ids", runIds))) {
            jdbc.update("UPDATE sync.alerts SET notified_at = now() WHERE module = ?", run.module());
        }
    }

    private void recovered(SyncRun run) {
        List<Map<String, Object>> incident = jdbc.queryForList("DELETE FROM sync.alerts WHERE module = ? RETURNING failures, notified_at IS NOT NULL AS notified",
                run.module());
        if (incident.isEmpty() || !Boolean.TRUE.equals(incident.get(0).get("notified"))) {
            return;
        }
        send(run.module(), ":white_check_mark: crm-mirror: Zoho " + run.module() + " syncs again (run " + run.id() + " ended ok after "
                + incident.get(0).get("failures") + " failed runs).", Map.of("module", run.module(), "status", "recovered",
                "failures", incident.get(0).get("failures"), "run_ids", List.of(run.id().toString())));
    }

    /** A Slack incoming-webhook message ({@code text}), with the facts also as fields for other receivers. */
    private boolean send(String module, String text, Map<String, Object> facts) {
        if (!settings.enabled()) {
            log.warn("{}: alert not sent (crm-mirror.alerts.webhook-url is not set): {}", module, text);
            return true;
        }
        try {
            var message = JSON.createObjectNode().put("text", text);
            message.set("crm_mirror", JSON.valueToTree(facts));
            producer.sendBodyAndProperty(ENDPOINT, message.toString(), "webhookUrl", settings.webhookUrl());
            log.info("{}: alert sent: {}", module, text.lines().findFirst().orElse(text));
            return true;
        } catch (RuntimeException e) {
            log.warn("{}: the alert webhook could not be reached ({}); will try again after the next failed run", module, e.getMessage());
            return false;
        }
    }
}
