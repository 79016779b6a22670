package dev.crmmirror.ops;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;

/** How often a Quartz cron expression fires, for judging how stale a module may get. */
final class Schedules {

    private Schedules() {
    }

    /** The gap between the next two firings (the shortest sensible reading of an irregular schedule). */
    static Duration interval(String cron) {
        try {
            CronExpression expression = new CronExpression(cron);
            Date next = expression.getNextValidTimeAfter(new Date());
            Date after = next == null ? null : expression.getNextValidTimeAfter(next);
            return after == null ? Duration.ofDays(365) : Duration.ofMillis(after.getTime() - next.getTime());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron, e);
        }
    }
}
