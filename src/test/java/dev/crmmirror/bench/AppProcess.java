package dev.crmmirror.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real application, {@code java -Xmx256m -Xlog:gc*:file=... -jar target/crm-mirror.jar}, from the project root
 * (which holds routes/ and config/), pointed at the sandbox and a benchmark database through command-line settings.
 * Its environment is cleared of crm-mirror, Zoho and Spring settings, so the run measures the defaults of
 * config/application.yml whatever the caller's shell exports.
 */
final class AppProcess {
    private static final List<String> CLEARED_ENV_PREFIXES = List.of("ZOHO_", "CRM_MIRROR_", "SPRING_", "CAMEL_", "SERVER_",
            "MANAGEMENT_", "LOGGING_");

    /** What one process did: exit code, wall time, peak RSS, GC figures, CPU samples. */
    record Run(String label, int exitCode, Instant startedAt, Instant exitedAt, long peakRssKb, double cpuSeconds, GcLog gc,
               Path log, Path gcLog, Sampler sampler, List<String> command) {

        double wallSeconds() {
            return Duration.between(startedAt, exitedAt).toMillis() / 1000.0;
        }
    }

    /** A process started on its schedule; {@link #stop()} ends it gracefully. */
    static final class Running {
        private final String label;
        private final Process process;
        private final Thread killer;
        private final Instant startedAt;
        private final Sampler sampler;
        private final Path log;
        private final Path gcLog;
        private final List<String> command;

        private Running(String label, Process process, Instant startedAt, Sampler sampler, Path log, Path gcLog, List<String> command) {
            this.label = label;
            this.process = process;
            // a scheduled application runs until stopped: never leave one behind, even when the benchmark is interrupted
            this.killer = new Thread(process::destroyForcibly);
            Runtime.getRuntime().addShutdownHook(killer);
            this.startedAt = startedAt;
            this.sampler = sampler;
            this.log = log;
            this.gcLog = gcLog;
            this.command = command;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        Path log() {
            return log;
        }

        /** Waits for the process to exit by itself (one-shot mode). */
        Run await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new IllegalStateException(label + ": the application did not finish within " + timeout + "; see " + log);
            }
            return finished();
        }

        /** SIGTERM (Spring's graceful shutdown), then a kill if it takes longer than a minute. */
        Run stop() throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            return finished();
        }

        private Run finished() throws IOException {
            Instant exitedAt = Instant.now();
            Runtime.getRuntime().removeShutdownHook(killer);
            sampler.sample();
            sampler.close();
            GcLog gc = Files.exists(gcLog) ? GcLog.parse(gcLog) : null;
            return new Run(label, process.exitValue(), startedAt, exitedAt, sampler.peakRssKb(), sampler.appCpuSeconds(), gc, log, gcLog,
                    sampler, command);
        }
    }

    private AppProcess() { }

    /**
     * The application as the container image runs it (Dockerfile): the jar extracted by Spring Boot's jar tools into
     * {@code into}, its dependencies as plain jars in {@code lib/}. Classes then load without the nested-jar URL
     * handlers, so the process starts faster and leaves the JIT less start-up code to compile during the sync.
     * @return the extracted application jar
     */
    static Path extract(BenchSettings settings, Path into) throws IOException, InterruptedException {
        Path log = into.resolveSibling("extract.log");
        Process p = new ProcessBuilder(SandboxProcess.java(), "-Djarmode=tools", "-jar", settings.jar().toString(), "extract",
                "--destination", into.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("extracting " + settings.jar() + " failed: see " + log);
        }
        return into.resolve(settings.jar().getFileName());
    }

    /** {@code --crm-mirror.run-once=<module>}: one sync, then the process exits (0 when the run ended ok). */
    static Running runOnce(BenchSettings settings, Path appJar, String label, Path dir, String dbUrl, BenchDatabase db,
                           SandboxProcess sandbox, long postmasterPid) throws IOException {
        return start(settings, appJar, label, dir, dbUrl, db, sandbox, postmasterPid, List.of("--crm-mirror.run-once=Leads"));
    }

    /** On its schedule, with a web server on a random port (and a random console password nobody uses). */
    static Running scheduled(BenchSettings settings, Path appJar, String label, Path dir, String dbUrl, BenchDatabase db,
                             SandboxProcess sandbox, long postmasterPid, String cron) throws IOException {
        return start(settings, appJar, label, dir, dbUrl, db, sandbox, postmasterPid, List.of("--crm-mirror.defaults.cron=" + cron,
                "--server.port=0", "--spring.security.user.password=" + UUID.randomUUID()));
    }

    private static Running start(BenchSettings settings, Path appJar, String label, Path dir, String dbUrl, BenchDatabase db, SandboxProcess sandbox,
                                 long postmasterPid, List<String> modeArgs) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(label + ".log");
        Path gcLog = dir.resolve(label + "-gc.log");
        List<String> command = new ArrayList<>(List.of(SandboxProcess.java(), "-Xmx" + settings.appXmx(), "-Xlog:gc*:file=" + gcLog));
        command.addAll(settings.appJvmArgs());
        command.addAll(List.of("-jar", appJar.toString(),
                "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + db.username(),
                "--zoho.accounts-url=" + sandbox.accountsUrl(),
                "--zoho.api-url=" + sandbox.baseUrl(),
                "--zoho.client-id=" + sandbox.clientId(),
                "--zoho.client-secret=" + sandbox.clientSecret(),
                "--zoho.refresh-token=" + sandbox.refreshToken(),
                "--crm-mirror.modules=Leads"));
        command.addAll(modeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.basedir().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> CLEARED_ENV_PREFIXES.stream().anyMatch(name::startsWith));
        // the database password travels in the environment, not on the command line
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        Instant startedAt = Instant.now();
        Process process = builder.start();
        Sampler sampler = new Sampler(process.pid(), sandbox.pid(), postmasterPid);
        return new Running(label, process, startedAt, sampler, log, gcLog, redacted(command));
    }

    /** The command line as recorded in the results: the sandbox's secrets and the console password masked. */
    static List<String> redacted(List<String> command) {
        return command.stream().map(arg -> {
            for (String secret : List.of("--zoho.client-secret=", "--zoho.refresh-token=", "--spring.security.user.password=")) {
                if (arg.startsWith(secret)) return secret + "***";
            }
            return arg;
        }).toList();
    }
}
