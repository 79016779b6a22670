package dev.crmmirror.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmmirror.mapping.RecordMapper;
import dev.crmmirror.zoho.CoqlPage;
import dev.crmmirror.zoho.DeletedPage;
import dev.crmmirror.zoho.ZohoException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.MessageHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The sync routes' dead-letter channel ends here: whatever failed after its retries is written to
 * {@code sync.dead_letters} with the step it failed in, the error, and what is needed to replay it
 * (the page's records, or the Zoho request). Nothing is dropped silently.
 */
@Component("deadLetters")
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Exchange exchange) {
        SyncRun run = exchange.getProperty("syncRun", SyncRun.class);
        String module = run != null ? run.module() : exchange.getProperty("module", "unknown", String.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String step = failedStep(exchange);
        String message = RunLedger.describe(error);
        jdbc.update("INSERT INTO sync.dead_letters (run_id, module, step, error, payload) VALUES (?::uuid, ?, ?, ?, ?::jsonb)",
                run == null ? null : run.id().toString(), module, step, message, payload(exchange.getMessage().getBody(), error));
        log.error("{}: dead letter at step {} of {}: {}", module, step, run == null ? "a run that never opened" : run, message);
    }

    /**
     * The id of the step that failed (the routes give every step an id): the last step in the exchange's history
     * before it entered the dead-letter route, which is where this runs.
     */
    private static String failedStep(Exchange exchange) {
        List<MessageHistory> history = exchange.getProperty(ExchangePropertyKey.MESSAGE_HISTORY, List.class);
        if (history != null && !history.isEmpty()) {
            String deadLetterRoute = history.get(history.size() - 1).getRouteId();
            for (int i = history.size() - 1; i >= 0; i--) {
                if (!history.get(i).getRouteId().equals(deadLetterRoute)) {
                    return history.get(i).getNode().getId();
                }
            }
        }
        return exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, "unknown", String.class);
    }

    private static String payload(Object body, Throwable error) {
        ObjectNode p = JSON.createObjectNode();
        if (body instanceof CoqlPage page) {
            p.put("page", page.number());
            var records = p.putArray("records");
            for (int i = 0; i < page.size(); i++) {
                records.add(RecordMapper.storable(page.record(i).tree()));
            }
        } else if (body instanceof DeletedPage page) {
            p.put("page", page.number());
            var deletions = p.putArray("deletions");
            page.deletions().forEach(d -> deletions.addObject().put("id", d.id()).put("deleted_time", d.deletedTime().toString()));
        }
        if (RunLedger.unwrap(error) instanceof ZohoException z && z.request() != null) {
            p.put("request", z.request());
        }
        return p.isEmpty() ? null : p.toString();
    }
}
