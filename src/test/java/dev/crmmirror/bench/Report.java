package dev.crmmirror.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The machine, the command, the targets, and the summary table printed at the end. */
final class Report {
    private final BenchSettings settings;
    private final Map<String, Object> results;

    Report(BenchSettings settings, Map<String, Object> results) {
        this.settings = settings;
        this.results = results;
    }

    /** The Maven command line (bin/mvn exports it), else one rebuilt from the bench.* properties. */
    static String command() {
        String args = System.getenv("MAVEN_CMD_LINE_ARGS");
        String mavenArgs = System.getenv("MAVEN_ARGS");
        if (args != null && !args.isBlank()) {
            return ("./mvnw " + (mavenArgs == null ? "" : mavenArgs + " ") + args).trim().replaceAll("\\s+", " ");
        }
        String props = System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("bench.")).sorted()
                .map(n -> "-D" + n + "=" + System.getProperty(n)).collect(Collectors.joining(" "));
        return ("./mvnw -Pbench verify " + props).trim();
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", memoryGiB());
        m.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("loadAverageAtStart", Proc.loadAverage());
        m.put("harnessJvm", ManagementFactory.getRuntimeMXBean().getName());
        return m;
    }

    private static Double memoryGiB() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (kb == null) return null;
        return Sampler.round(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // not Linux
        }
        return null;
    }

    /** Every target of the issue with its measured value: reported, never asserted. */
    List<Map<String, Object>> targets() {
        List<Map<String, Object>> targets = new ArrayList<>();
        Object ratio = at("syncToCopyRatio", "value");
        if (ratio != null) targets.add(target("backfill throughput: sync ÷ COPY", "≥ 0.5", ratio, (Boolean) at("syncToCopyRatio", "met")));
        Object credits = at("apiEconomy", "coqlCreditsPer10000Records");
        if (credits != null) {
            targets.add(target("COQL credits per 10,000 records (backfill)", "15 (the minimum)", credits, ((Number) credits).doubleValue() <= 15.0));
        }
        Object met = at("incrementalNoChange", "met");
        if (met != null) {
            targets.add(target("incremental run, nothing changed", "1 COQL call + the deleted-records check",
                    at("incrementalNoChange", "coqlCalls") + " COQL + " + at("incrementalNoChange", "deletedRecordsCalls") + " deleted + "
                            + at("incrementalNoChange", "otherCrmRequests") + " other", (Boolean) met));
        }
        if (at("memory", "flat") != null) {
            Object value = Boolean.TRUE.equals(at("memory", "flat", "measurable")) ? at("memory", "flat", "maxLiveHeapRatioLargeToSmall")
                    : "not measurable: " + at("memory", "small", "liveHeap", "samples") + " and " + at("memory", "large", "liveHeap", "samples")
                    + " live-heap samples in the syncs (2 each needed)";
            targets.add(target("memory flat with -Xmx" + settings.appXmx(),
                    "both succeed; max live heap (jcmd GC.class_histogram) large/small ≤ 1.25", value, (Boolean) at("memory", "flat", "met")));
        }
        return targets;
    }

    /** @param met null when the figure could not be measured */
    private static Map<String, Object> target(String name, String target, Object value, Boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("target", target);
        t.put("value", value);
        t.put("met", met);
        return t;
    }

    String summary(String jsonFile) {
        StringBuilder out = new StringBuilder();
        String rule = "=".repeat(100);
        out.append('\n').append(rule).append('\n');
        out.append("crm-mirror benchmark  ").append(results.get("startedAt")).append('\n');
        out.append(String.format("machine: %s cores, %s GiB, %s; %s; load average at start %s%n", at("machine", "cores"),
                at("machine", "memoryGiB"), at("machine", "cpuModel"), at("machine", "java"), at("machine", "loadAverageAtStart")));
        out.append("postgres: ").append(at("postgres", "version")).append(" — ").append(at("postgres", "server")).append('\n');
        out.append("command: ").append(results.get("command")).append('\n');

        if (results.get("backfill") instanceof Map<?, ?> && at("backfill", "syncSeconds") != null) {
            section(out, String.format("BACKFILL  %,d Leads, one-shot run of the real jar (-Xmx%s)", num("backfill", "records"), settings.appXmx()));
            row(out, "sync time (sync.runs ended_at − started_at), first run", sec(at("backfill", "syncSeconds")), rate(at("backfill", "syncRecordsPerSecond")));
            if (at("backfill", "syncSecondsMedian") != null) {
                row(out, "sync time, median of " + settings.repeats() + " backfills", sec(at("backfill", "syncSecondsMedian")),
                        rate(at("backfill", "syncRecordsPerSecondMedian")));
                row(out, "  each backfill (s)", String.valueOf(at("backfill", "syncSecondsEachRepeat")), "");
            }
            row(out, "process wall time (JVM start to exit)", sec(at("backfill", "processWallSeconds")), rate(at("backfill", "processRecordsPerSecond")));
            if (at("copyBaseline", "medianSeconds") != null) {
                row(out, "PostgreSQL COPY of the same rows (median of " + settings.repeats() + ")", sec(at("copyBaseline", "medianSeconds")),
                        rate(at("copyBaseline", "recordsPerSecond")));
                row(out, "  each load, after each backfill (s); indexes identical", String.valueOf(at("copyBaseline", "secondsEachRepeat")),
                        String.valueOf(at("copyBaseline", "indexesIdentical")));
                row(out, "ratio sync / COPY  (target ≥ 0.5)", fmt(at("syncToCopyRatio", "value")), metText(at("syncToCopyRatio", "met")));
            }
            row(out, "app process: peak RSS, peak heap, max heap after GC", mb(at("backfill", "process", "peakRssMb")),
                    mb(at("backfill", "process", "gc", "peakHeapBeforeGcMb")) + ", " + mb(at("backfill", "process", "gc", "maxHeapAfterGcMb")));
            out.append("  CPU during the sync, in cores (of ").append(at("machine", "cores")).append("): ")
                    .append(cpu(at("backfill", "cpuDuringSync"))).append('\n');
        }
        if (results.get("apiEconomy") != null) {
            section(out, "API ECONOMY");
            row(out, "backfill COQL calls", fmt(at("apiEconomy", "backfillCoqlCalls")),
                    fmt(at("apiEconomy", "coqlCallsPer10000Records")) + " per 10,000 records");
            row(out, "backfill COQL credits  (minimum 15 per 10,000)", fmt(at("apiEconomy", "backfillCoqlCredits")),
                    fmt(at("apiEconomy", "coqlCreditsPer10000Records")) + " per 10,000 records");
            row(out, "backfill deleted-records calls, other CRM requests", fmt(at("apiEconomy", "backfillDeletedRecordsCalls")),
                    fmt(at("apiEconomy", "backfillOtherCrmRequests")));
            row(out, "token refreshes per run (backfill, new process)", fmt(at("apiEconomy", "backfillTokenRefreshes")), "");
        }
        if (results.get("incrementalNoChange") != null) {
            row(out, "incremental run, nothing changed: COQL / deleted / other",
                    at("incrementalNoChange", "coqlCalls") + " / " + at("incrementalNoChange", "deletedRecordsCalls") + " / "
                            + at("incrementalNoChange", "otherCrmRequests"),
                    metText(at("incrementalNoChange", "met")) + " (target 1 COQL + the deleted check)");
            row(out, "  its credits, token refreshes (new process), sync time", at("incrementalNoChange", "coqlCredits") + ", "
                    + at("incrementalNoChange", "tokenRefreshes"), sec(at("incrementalNoChange", "run", "seconds")));
        }
        if (at("freshness", "scheduledRunsDuringEdits") != null) {
            row(out, "scheduled runs during the freshness edits: COQL, deleted calls per run",
                    fmt(at("freshness", "scheduledRunsDuringEdits", "coqlCallsPerRun")) + ", "
                            + fmt(at("freshness", "scheduledRunsDuringEdits", "deletedRecordsCallsPerRun")),
                    at("freshness", "scheduledRunsDuringEdits", "runs") + " runs, " + at("freshness", "scheduledRunsDuringEdits", "tokenRefreshes")
                            + " token refreshes");
        }
        if (results.get("memory") instanceof Map<?, ?> memory && memory.get("small") != null) {
            section(out, "MEMORY  one-shot backfills with -Xmx" + settings.appXmx());
            memRow(out, "records", size -> fmt(at("memory", size, "records")));
            memRow(out, "live heap (jcmd GC.class_histogram, max / last)", size -> fmt(at("memory", size, "liveHeap", "maxLiveMb")) + " / "
                    + fmt(at("memory", size, "liveHeap", "lastLiveMb")) + " MB");
            memRow(out, "  samples in the sync (every " + LiveHeapProbe.EVERY.toSeconds() + " s, each a full GC)",
                    size -> fmt(at("memory", size, "liveHeap", "samples")));
            memRow(out, "peak heap (largest before-GC, GC log)", size -> mb(at("memory", size, "gc", "peakHeapBeforeGcMb")));
            memRow(out, "max heap after GC (GC log; upper bound, not the live set)", size -> mb(at("memory", size, "gc", "maxHeapAfterGcMb")));
            memRow(out, "peak RSS (VmHWM)", size -> mb(at("memory", size, "peakRssMb")));
            memRow(out, "GC pauses / of them full (the probe's included)", size -> fmt(at("memory", size, "gc", "pauses")) + " / "
                    + fmt(at("memory", size, "gc", "fullPauses")));
            memRow(out, "sync time (s)", size -> fmt(at("memory", size, "syncSeconds")));
            memRow(out, "records/s (sync; paced by the API budget: not throughput)", size -> fmt(at("memory", size, "syncRecordsPerSecond")));
            for (String size : List.of("small", "large")) {
                if (at("memory", size) != null) {
                    out.append(String.format("  CPU during the %,d-record sync, in cores: %s%n", num("memory", size, "records"),
                            cpu(at("memory", size, "cpuDuringSync"))));
                }
            }
            if (at("memory", "flat") != null) {
                row(out, "large/small: max live heap  (flat: ≤ 1.25)", fmt(at("memory", "flat", "maxLiveHeapRatioLargeToSmall")),
                        metText(at("memory", "flat", "met")) + "; max heap after GC " + fmt(at("memory", "flat", "maxHeapAfterGcRatioLargeToSmall"))
                                + ", peak RSS " + fmt(at("memory", "flat", "peakRssRatioLargeToSmall")));
            }
        }
        if (at("freshness", "measured") != null) {
            section(out, "FRESHNESS  edit in the sandbox → row in PostgreSQL; application on schedule '" + at("freshness", "cron") + "'");
            out.append(String.format("  %3s %8s %12s %12s %13s %11s%n", "#", "phase s", "firing wait", "start delay", "sync latency",
                    "freshness"));
            if (at("freshness", "edits") instanceof List<?> edits) {
                for (Object e : edits) {
                    Map<?, ?> s = (Map<?, ?>) e;
                    out.append(String.format(Locale.ROOT, "  %3s %8.2f %12.2f %12.3f %13.3f %11.2f%n", s.get("n"), s.get("phaseSeconds"),
                            s.get("firingWaitSeconds"), s.get("startDelaySeconds"), s.get("syncLatencySeconds"), s.get("freshnessSeconds")));
                }
            }
            row(out, "MEASURED freshness mean / median / max (s)", stat("freshnessSeconds"), "");
            row(out, "MEASURED firing wait mean (expected interval/2 = " + fmt(at("freshness", "measured", "expectedMeanFiringWaitSeconds")) + ")",
                    fmt(at("freshness", "measured", "firingWaitSeconds", "mean")), "");
            row(out, "MEASURED sync latency mean / median / max (s)", stat("syncLatencySeconds"), "");
            row(out, "MEASURED start delay (run start − fire time) mean / max", fmt(at("freshness", "measured", "startDelaySeconds", "mean"))
                    + " / " + fmt(at("freshness", "measured", "startDelaySeconds", "max")), "");
            row(out, "DERIVED at the default '" + at("freshness", "derivedAtDefaultSchedule", "cron") + "': mean, worst (s)",
                    fmt(at("freshness", "derivedAtDefaultSchedule", "meanSeconds")) + ", " + fmt(at("freshness", "derivedAtDefaultSchedule", "worstSeconds")),
                    "interval/2 + latency, interval + max latency");
        }
        List<Map<String, Object>> targets = targets();
        if (!targets.isEmpty()) {
            section(out, "TARGETS (reported, not asserted)");
            for (Map<String, Object> t : targets) {
                out.append(String.format("  %-8s %s: %s   (target: %s)%n", "[" + metText(t.get("met")) + "]", t.get("name"),
                        fmt(t.get("value")), t.get("target")));
            }
        }
        if (results.get("error") != null) {
            out.append("\nFAILED: ").append(results.get("error")).append('\n');
        }
        out.append('\n').append("results: ").append(jsonFile).append("   logs: ").append(results.get("logs")).append('\n');
        out.append(rule).append('\n');
        return out.toString();
    }

    /** One row of the memory table: the small run's value, then the large run's ("-" when it did not get that far). */
    private void memRow(StringBuilder out, String label, Function<String, String> valueOf) {
        out.append(String.format("  %-60s %16s %16s%n", label, valueOf.apply("small"), at("memory", "large") == null ? "-" : valueOf.apply("large")));
    }

    private String stat(String field) {
        return fmt(at("freshness", "measured", field, "mean")) + " / " + fmt(at("freshness", "measured", field, "median")) + " / "
                + fmt(at("freshness", "measured", field, "max"));
    }

    private static String cpu(Object window) {
        if (!(window instanceof Map<?, ?> w) || w.isEmpty()) return "n/a";
        StringBuilder s = new StringBuilder();
        for (String key : List.of("app", "sandbox", "postgres", "harness", "other", "stolen", "ioWait")) {
            if (w.get(key) instanceof Map<?, ?> p) {
                s.append(key).append(' ').append(fmt(p.get("cores")));
                if (key.equals("app") && w.get("appJit") instanceof Map<?, ?> jit && w.get("appGc") instanceof Map<?, ?> gc) {
                    s.append(" (of it JIT compiler threads ").append(fmt(jit.get("cores"))).append(", GC ").append(fmt(gc.get("cores"))).append(')');
                }
                s.append(", ");
            }
        }
        if (w.get("machineBusy") instanceof Map<?, ?> p) s.append("machine busy ").append(fmt(p.get("cores")));
        return s.toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    private static void row(StringBuilder out, String label, String value, String extra) {
        out.append(String.format("  %-60s %16s   %s%n", label, value, extra));
    }

    private static String sec(Object seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.2f s", ((Number) seconds).doubleValue());
    }

    private static String rate(Object perSecond) {
        return perSecond == null ? "" : String.format(Locale.ROOT, "%,d records/s", ((Number) perSecond).longValue());
    }

    private static String mb(Object mb) {
        return mb == null ? "-" : String.format(Locale.ROOT, "%,.0f MB", ((Number) mb).doubleValue());
    }

    private static String metText(Object met) {
        return Boolean.TRUE.equals(met) ? "met" : met == null ? "n/a" : "MISSED";
    }

    static String fmt(Object value) {
        if (value == null) return "-";
        if (value instanceof Double d) {
            if (d.isNaN()) return "-";
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", d.longValue())
                    : String.format(Locale.ROOT, "%,.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (value instanceof Long || value instanceof Integer) return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        return String.valueOf(value);
    }

    private long num(String... path) {
        Object v = at(path);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** results.get(a).get(b)… for nested maps; null where the path ends early. */
    private Object at(String... path) {
        Object node = results;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) return null;
            node = map.get(key);
        }
        return node;
    }
}
