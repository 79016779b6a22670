package dev.crmmirror.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pager's queries and its prefetching, against a scripted Zoho. */
class CoqlPagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private CoqlPager pager;

    record Call(String query, int credits, String thread, String runId) {
    }

    @AfterEach
    void stop() {
        MDC.clear();
        if (pager != null) {
            pager.destroy();
        }
    }

    @Test
    void aBackfillPagesByKeysetAndFetchesTheNextPageWhileTheCurrentOneIsProcessed() {
        pager = pager(query -> query.contains("where id is not null")
                ? page(true, rec("1", "2024-06-05T10:00:00+05:30"), rec("2", "2024-06-05T10:00:00+05:30"))
                : page(false, rec("3", "2024-06-05T10:00:00+05:30")));
        MDC.put("run_id", "run-42");

        List<CoqlPage> pages = drain(pager.pages(plan(null, null, false)));

        assertThat(pages).extracting(CoqlPage::size).containsExactly(2, 1);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).query()).isEqualTo("select Created_Time, Modified_Time, Last_Name from Leads where id is not null "
                + "order by Modified_Time asc, id asc limit 2000");
        assertThat(calls.get(1).query()).contains("where (Modified_Time > '2024-06-05T04:30:00+00:00' or "
                + "(Modified_Time = '2024-06-05T04:30:00+00:00' and id > '2'))");
        assertThat(calls.get(1).thread()).isEqualTo("coql-prefetch");
        assertThat(calls.get(1).runId()).as("the prefetch logs as part of the run").isEqualTo("run-42");
        assertThat(calls).extracting(Call::credits).containsExactly(3, 3);
    }

    @Test
    void anIncrementalRunStartsWithACheapProbeAndAResumedRunAfterItsCheckpoint() {
        pager = pager(query -> page(false));
        Instant since = Instant.parse("2024-06-05T10:00:00Z");

        drain(pager.pages(plan(null, since, true)));
        drain(pager.pages(plan(new Cursor(since, "77"), null, false)));

        assertThat(calls.get(0).query()).contains("where Modified_Time >= '2024-06-05T10:00:00+00:00'").endsWith("limit 200");
        assertThat(calls.get(0).credits()).isEqualTo(1);
        assertThat(calls.get(1).query()).contains("id > '77'").endsWith("limit 2000");
    }

    @Test
    void aZohoThatIgnoresTheKeysetStopsPagingInsteadOfLoopingForever() {
        pager = pager(query -> page(true, rec("5", "2024-06-05T10:00:00Z")));

        Iterator<CoqlPage> pages = pager.pages(plan(null, null, false));
        pages.next();

        assertThatThrownBy(pages::next).isInstanceOf(ZohoException.class).hasMessageContaining("did not move past");
    }

    private static List<CoqlPage> drain(Iterator<CoqlPage> pages) {
        List<CoqlPage> all = new ArrayList<>();
        pages.forEachRemaining(all::add);
        return all;
    }

    private CoqlPager pager(Function<String, String> zoho) {
        return new CoqlPager(new ZohoApi() {
            @Override
            public <T> T execute(ZohoCall<T> call) {
                calls.add(new Call(call.request(), call.credits(), Thread.currentThread().getName(), MDC.get("run_id")));
                String body = zoho.apply(call.request());
                try {
                    return call.reader().read(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private static String page(boolean more, Map<?, ?>... records) {
        if (records.length == 0) {
            return null; // Zoho's 204
        }
        try {
            return JSON.writeValueAsString(Map.of("data", List.of(records), "info", Map.of("count", records.length, "more_records", more)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> rec(String id, String modified) {
        return Map.of("id", id, "Modified_Time", modified);
    }

    private static SyncPlan plan(Cursor resumeFrom, Instant windowStart, boolean incremental) {
        return new SyncPlan() {
            public String module() { return "Leads"; }
            public List<String> selectFields() { return List.of("Created_Time", "Modified_Time", "Last_Name"); }
            public int pageSize() { return 2000; }
            public Cursor resumeFrom() { return resumeFrom; }
            public Instant windowStart() { return windowStart; }
            public boolean incremental() { return incremental; }
            public Instant deletionsSince() { return null; }
            public void recordsRead(int n) { }
            public void called(int credits) { }
        };
    }
}
