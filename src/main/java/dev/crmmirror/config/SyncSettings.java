package dev.crmmirror.config;

import org.quartz.CronExpression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How one module syncs. {@code crm-mirror.defaults} gives all of them; {@code crm-mirror.overrides.<module>}
 * may set any subset for one module (env: {@code CRM_MIRROR_OVERRIDES_LEADS_CRON}).
 *
 * @param cron      Quartz cron expression of the schedule
 * @param overlap   each incremental run re-reads this far behind the watermark, for edits Zoho stamped late
 * @param pageSize  COQL rows per call, at most 2,000 (the cheapest in credits per row)
 * @param batchSize rows per database transaction (each commits its checkpoint)
 */
public record SyncSettings(String cron, Duration overlap, Integer pageSize, Integer batchSize) {

    static final int MAX_PAGE_SIZE = 2000;

    SyncSettings overriddenBy(SyncSettings o) {
        if (o == null) {
            return this;
        }
        return new SyncSettings(o.cron != null ? o.cron : cron, o.overlap != null ? o.overlap : overlap,
                o.pageSize != null ? o.pageSize : pageSize, o.batchSize != null ? o.batchSize : batchSize);
    }

    /** Problems, each naming the property it is about. */
    List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            problems.add(prefix + ".cron must be a Quartz cron expression such as \"0 0/5 * * * ?\" (seconds first), got \"" + cron + "\"");
        }
        if (overlap == null || overlap.isNegative()) {
            problems.add(prefix + ".overlap must be a duration of zero or more, such as 60s, got " + overlap);
        }
        if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            problems.add(prefix + ".page-size must be 1.." + MAX_PAGE_SIZE + " (COQL's limit per call), got " + pageSize);
        }
        if (batchSize == null || batchSize < 1) {
            problems.add(prefix + ".batch-size must be 1 or more, got " + batchSize);
        }
        return problems;
    }
}
