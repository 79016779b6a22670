package dev.crmmirror.zoho;

import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pages a module through COQL in {@code Modified_Time, id} order, as a lazy iterator the sync route splits
 * one page at a time. Each page continues strictly after the last (Modified_Time, id) of the one before (a
 * keyset cursor), which needs no OFFSET, so it passes the 100,000-row OFFSET ceiling and thousands of records
 * sharing one Modified_Time. While the route writes a page, the next one is already being fetched.
 */
@Component("coqlPager")
public class CoqlPager implements DisposableBean {

    /** An incremental run usually finds few changes: a first page of 200 costs 1 credit instead of 3. */
    static final int PROBE_LIMIT = 200;

    private final ZohoApi api;
    private final ExecutorService prefetcher = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "coql-prefetch");
        t.setDaemon(true);
        return t;
    });

    public CoqlPager(ZohoApi api) {
        this.api = api;
    }

    public Pages pages(SyncPlan plan) {
        return new Pages(plan);
    }

    @Override
    public void destroy() {
        prefetcher.shutdownNow();
    }

    /** The pages of one run. Closing it (the splitter does) cancels a prefetch nobody will read. */
    public final class Pages implements Iterator<CoqlPage>, Closeable {

        private final SyncPlan plan;
        private boolean started;
        private Future<CoqlPage> next;

        Pages(SyncPlan plan) {
            this.plan = plan;
        }

        @Override
        public boolean hasNext() {
            return !started || next != null;
        }

        @Override
        public CoqlPage next() {
            CoqlPage page;
            if (!started) {
                started = true;
                page = fetch(plan.resumeFrom(), 1);
            } else if (next != null) {
                Future<CoqlPage> pending = next;
                next = null;
                page = await(pending);
            } else {
                throw new NoSuchElementException();
            }
            plan.recordsRead(page.size());
            if (page.more()) {
                Cursor end = page.end();
                if (end == null) {
                    throw new ZohoException("COQL page " + page.number() + " of " + plan.module() + " says more records follow, but none of "
                            + "its records has an id and a Modified_Time to continue after; the records are quarantined and the run "
                            + "stops here. Check the records in Zoho.", "page " + page.number());
                }
                Map<String, String> logContext = MDC.getCopyOfContextMap();
                next = prefetcher.submit(() -> {
                    // the prefetch logs as part of the run (run_id, module)
                    MDC.setContextMap(logContext == null ? Map.of() : logContext);
                    try {
                        return fetch(end, page.number() + 1);
                    } finally {
                        MDC.clear();
                    }
                });
            }
            return page;
        }

        @Override
        public void close() {
            if (next != null) {
                next.cancel(true);
                next = null;
            }
        }

        private CoqlPage fetch(Cursor after, int number) {
            int limit = number == 1 && plan.incremental() ? Math.min(PROBE_LIMIT, plan.pageSize()) : plan.pageSize();
            Coql.Criteria where = after != null ? Coql.after(after)
                    : plan.windowStart() != null ? Coql.compare("Modified_Time", ">=", plan.windowStart())
                    : Coql.isNotNull("id");
            String query = Coql.select(plan.selectFields(), plan.module(), where, Coql.KEYSET_ORDER, limit);
            String body = CoqlPage.JSON.createObjectNode().put("select_query", query).toString();
            CoqlPage page = api.execute(new ZohoCall<>(plan.module(), "COQL page " + number + " of " + plan.module(), "POST", "/crm/v8/coql", Map.of(),
                    Map.of(), body, Coql.credits(limit), query, in -> CoqlPage.read(in, plan.module(), number), plan));
            if (after != null && page.end() != null && !page.end().isAfter(after)) {
                throw new ZohoException("COQL page " + number + " of " + plan.module() + " did not move past " + after
                        + ": Zoho ignored the keyset condition, and paging would never end. Please report this.", query);
            }
            return page;
        }

        private CoqlPage await(Future<CoqlPage> pending) {
            try {
                return pending.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ZohoTransientException("fetching the next COQL page of " + plan.module() + " failed: " + e.getCause(), null, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZohoTransientException("interrupted while fetching the next COQL page of " + plan.module(), null, e);
            }
        }
    }
}
