package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.crmmirror.sandbox.data.Directory;
import dev.crmmirror.sandbox.data.IdSequence;
import dev.crmmirror.sandbox.data.StandardModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timing print, not a check: the sandbox CPU per record served when the sync backfills, i.e. keyset pages of
 * 2,000 Leads with the sync's select list, answered by the COQL endpoint without HTTP. Off in the normal suite;
 * run with {@code mvn test -Dtest=CoqlPageBenchmarkTest -Dsandbox.benchmark=true} (the figures go to
 * target/surefire-reports/dev.crmmirror.sandbox.CoqlPageBenchmarkTest-output.txt).
 */
@EnabledIfSystemProperty(named = "sandbox.benchmark", matches = "true")
class CoqlPageBenchmarkTest {
    private static final int PAGES = 100;
    private static final int PAGE_SIZE = 2000;
    /** What the sync selects for config/modules/leads.yaml: the two times, then the mapped fields in file order. */
    private static final List<String> SYNC_COLUMNS = List.of("Created_Time", "Modified_Time", "Owner", "Salutation",
            "First_Name", "Last_Name", "Full_Name", "Designation", "Company", "Email", "Secondary_Email", "Phone",
            "Mobile", "Fax", "Website", "Skype_ID", "Twitter", "Lead_Source", "Lead_Status", "Industry", "Rating",
            "Annual_Revenue", "No_of_Employees", "Currency", "Exchange_Rate", "Email_Opt_Out", "Street", "City", "State",
            "Zip_Code", "Country", "Description", "Created_By", "Modified_By", "Last_Activity_Time", "Converted__s",
            "Converted_Date_Time", "Converted_Account", "Converted_Contact", "Converted_Deal", "Record_Status__s",
            "Unsubscribed_Mode", "Unsubscribed_Time", "Visitor_Score", "Days_Visited", "Average_Time_Spent_Minutes",
            "First_Visited_Time", "Last_Visited_Time", "Tag", "Languages_Known");

    @Test
    void cpuPerRecordOfTheSyncsPages() {
        IdSequence ids = new IdSequence();
        Directory directory = Directory.create(1, ids);
        AdjustableClock clock = new AdjustableClock();
        clock.set(Instant.parse("2024-06-05T09:04:09Z"));
        SandboxModule leads = new SandboxModule(StandardModules.leads(), directory, ids, clock, 42);
        CoqlEndpoint endpoint = new CoqlEndpoint(Map.of("Leads", leads), directory, new SandboxStats());
        leads.generate(PAGES * PAGE_SIZE);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // the first round warms the JIT up; the next ones are what a long sync sees
        for (int round = 1; round <= 3; round++) {
            long cpu = 0;
            long bytes = 0;
            String where = "Modified_Time >= '1970-01-01T00:00:00+00:00'";
            for (int page = 0; page < PAGES; page++) {
                ApiRequest request = coql("select " + String.join(", ", SYNC_COLUMNS) + " from Leads where " + where
                        + " order by Modified_Time asc, id asc limit " + PAGE_SIZE);
                long started = threads.getCurrentThreadCpuTime();
                Reply reply = endpoint.answer(request);
                cpu += threads.getCurrentThreadCpuTime() - started;
                bytes += reply.body().length;
                JsonNode rows = json(reply).get("data");
                assertThat(rows).hasSize(PAGE_SIZE);
                JsonNode last = rows.get(PAGE_SIZE - 1);
                String time = last.get("Modified_Time").asText();
                where = "((Modified_Time > '" + time + "') or ((Modified_Time = '" + time + "') and (id > '"
                        + last.get("id").asText() + "')))";
            }
            System.out.printf("round %d: %d pages of %,d: %.1f µs CPU per record, %,d bytes per record%n", round, PAGES,
                    PAGE_SIZE, cpu / 1e3 / (PAGES * PAGE_SIZE), bytes / (PAGES * PAGE_SIZE));
        }
    }

    private static ApiRequest coql(String query) {
        byte[] body = SandboxClient.JSON.createObjectNode().put("select_query", query).toString()
                .getBytes(StandardCharsets.UTF_8);
        return new ApiRequest("POST", "/crm/v8/coql", Map.of(), new Headers(), body);
    }

    private static JsonNode json(Reply reply) {
        try {
            return SandboxClient.JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
