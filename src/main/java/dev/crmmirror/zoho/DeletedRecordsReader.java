package dev.crmmirror.zoho;

import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Pages {@code GET /crm/v8/{Module}/deleted}, newest first, asking only for deletions after the run's
 * deletion watermark (If-Modified-Since). When nothing was deleted Zoho answers 204: one call, one credit.
 */
@Component("deletedRecords")
public class DeletedRecordsReader {

    static final int PER_PAGE = 200;
    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final ZohoApi api;

    public DeletedRecordsReader(ZohoApi api) {
        this.api = api;
    }

    public Iterator<DeletedPage> pages(SyncPlan plan) {
        return new Iterator<>() {
            private int number;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public DeletedPage next() {
                if (!more) {
                    throw new NoSuchElementException();
                }
                DeletedPage page = fetch(plan, ++number);
                more = page.more();
                return page;
            }
        };
    }

    private DeletedPage fetch(SyncPlan plan, int number) {
        Map<String, String> headers = plan.deletionsSince() == null ? Map.of()
                : Map.of("If-Modified-Since", HEADER.format(plan.deletionsSince().truncatedTo(ChronoUnit.SECONDS)));
        String path = "/crm/v8/" + plan.module() + "/deleted";
        Map<String, String> query = Map.of("type", "all", "page", Integer.toString(number), "per_page", Integer.toString(PER_PAGE));
        return api.execute(new ZohoCall<>(plan.module(), "deleted-records page " + number + " of " + plan.module(), "GET", path, query, headers, null, 1,
                "GET " + path + " " + query + " " + headers, in -> DeletedPage.read(in, plan.module(), number), plan));
    }
}
