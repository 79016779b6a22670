package dev.crmmirror.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's live heap, measured rather than inferred from the GC log: every {@link #EVERY} it runs
 * {@code jcmd <pid> GC.class_histogram}, which makes the JVM collect the whole heap and then count what survived; the
 * histogram's last line, {@code Total <instances> <bytes>}, is the live set at that moment. (G1's young pauses leave
 * dead old-generation objects in place until a concurrent mark and mixed collections run, so "heap after GC" in its
 * log is only an upper bound that follows the IHOP threshold and the run's length.)
 * Each sample stops the application for a full collection and costs a jcmd JVM, so only the memory scenario probes.
 */
final class LiveHeapProbe implements AutoCloseable {
    /** Several samples in the 100,000-record sync (about 3.5 s); a full GC of a 256 MB heap every second barely slows the rest. */
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    /** One histogram: the jcmd call ran from {@code fromMillis} to {@code toMillis}. */
    record Sample(long fromMillis, long toMillis, long liveBytes) { }

    private final long pid;
    private final String jcmd = jcmd();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastFailure;

    LiveHeapProbe(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "bench-live-heap");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long next = System.currentTimeMillis();
        while (running) {
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                // jcmd 17 attaches by sending SIGQUIT unchecked (JDK 24 checks): a JVM still starting would die of it
                if (Proc.catchesSigQuit(pid)) histogram();
            } catch (InterruptedException e) {
                return;
            }
            // a fixed rate; a slow histogram skips the slots it overran
            long now = System.currentTimeMillis();
            while (next <= now) next += EVERY.toMillis();
        }
    }

    private void histogram() throws InterruptedException {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("bench-histogram-", ".txt");
            long from = System.currentTimeMillis();
            p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                lastFailure = "jcmd took longer than " + JCMD_TIMEOUT;
                return;
            }
            long to = System.currentTimeMillis();
            String histogram = Files.readString(out);
            long bytes = totalBytes(histogram);
            if (bytes < 0) {
                // usual while the application exits; reported only if the sync got too few samples
                lastFailure = "jcmd exit " + p.exitValue() + ": " + histogram.strip().lines().findFirst().orElse("");
                return;
            }
            synchronized (samples) {
                samples.add(new Sample(from, to, bytes));
            }
        } catch (IOException e) {
            lastFailure = e.toString();
        } finally {
            if (p != null) p.destroyForcibly();
            if (out != null) out.toFile().delete();
        }
    }

    /** The bytes of the histogram's {@code Total} line (the last one), or -1 when there is none. */
    static long totalBytes(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        long bytes = -1;
        while (m.find()) bytes = Long.parseLong(m.group(1));
        return bytes;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(JCMD_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The samples whose jcmd call began and ended inside the sync, so start-up and shutdown do not count: how many,
     * the largest and the last live heap, and each one by seconds into the sync.
     */
    Map<String, Object> window(Instant from, Instant to) {
        List<Sample> inside;
        synchronized (samples) {
            inside = samples.stream().filter(s -> s.fromMillis() >= from.toEpochMilli() && s.toMillis() <= to.toEpochMilli()).toList();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "jcmd <pid> GC.class_histogram every " + EVERY.toSeconds() + " s (a full GC, then the bytes of the objects "
                + "left); only the samples taken wholly inside the sync");
        m.put("samples", inside.size());
        m.put("maxLiveMb", inside.isEmpty() ? null : mb(inside.stream().mapToLong(Sample::liveBytes).max().getAsLong()));
        m.put("lastLiveMb", inside.isEmpty() ? null : mb(inside.get(inside.size() - 1).liveBytes()));
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (Sample s : inside) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("secondsIntoSync", Sampler.round((s.fromMillis() - from.toEpochMilli()) / 1000.0));
            point.put("liveMb", mb(s.liveBytes()));
            timeline.add(point);
        }
        m.put("timeline", timeline);
        if (inside.size() < 2 && lastFailure != null) m.put("lastFailure", lastFailure);
        return m;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    /** The jcmd of the JDK that runs the application (SandboxProcess.java()), else the one on the PATH. */
    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
