package dev.crmmirror.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Polls /proc while the application runs: its peak RSS (VmHWM, the last value before it exits) and the CPU
 * time of the application, the sandbox, PostgreSQL (postmaster, its live backends and those it has reaped),
 * this harness, and the whole machine, so a time window (the sync) can be split into who used the cores.
 */
final class Sampler implements AutoCloseable {
    private static final long EVERY_MILLIS = 200;

    /** @param appJvm the application's JIT compiler and GC thread ticks (Proc.jvmThreadTicks), null once it is gone */
    record Sample(long atMillis, long app, long sandbox, long postgres, long harness, long appPeakRssKb, long[] machine, long[] appJvm) {
        long appJit() {
            return appJvm == null ? -1 : appJvm[0];
        }

        long appGc() {
            return appJvm == null ? -1 : appJvm[1];
        }
    }

    private final long appPid;
    private final long sandboxPid;
    private final long postmasterPid;
    private final long selfPid = ProcessHandle.current().pid();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param postmasterPid -1 when PostgreSQL runs elsewhere */
    Sampler(long appPid, long sandboxPid, long postmasterPid) {
        this.appPid = appPid;
        this.sandboxPid = sandboxPid;
        this.postmasterPid = postmasterPid;
        this.thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        sample();
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** Also called once more by the owner right after the process exited, so the window reaches the end. */
    void sample() {
        Sample s = new Sample(System.currentTimeMillis(), Proc.cpuTicks(appPid, false), Proc.cpuTicks(sandboxPid, false),
                postgresTicks(), Proc.cpuTicks(selfPid, false), Proc.peakRssKb(appPid), Proc.machineTicks(), Proc.jvmThreadTicks(appPid));
        synchronized (samples) {
            samples.add(s);
        }
    }

    private long postgresTicks() {
        if (postmasterPid < 0) return -1;
        long ticks = Proc.cpuTicks(postmasterPid, true);
        if (ticks < 0) return -1;
        for (long child : Proc.children(postmasterPid)) {
            long t = Proc.cpuTicks(child, false);
            if (t > 0) ticks += t;
        }
        return ticks;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last VmHWM read before the process exited, in kB. */
    long peakRssKb() {
        return snapshot().stream().mapToLong(Sample::appPeakRssKb).max().orElse(-1);
    }

    /** CPU seconds of the application over its whole life as far as sampled (start-up and shutdown included). */
    double appCpuSeconds() {
        return snapshot().stream().mapToLong(Sample::app).max().orElse(-1) / (double) Proc.TICKS_PER_SECOND;
    }

    /**
     * Who used the CPUs between two instants: per process CPU seconds and average cores busy; "other" is the rest of
     * the machine's busy time (noisy neighbours inside this VM), "stolen" what the hypervisor gave to other VMs.
     */
    Map<String, Object> cpuWindow(Instant from, Instant to) {
        List<Sample> all = snapshot();
        Map<String, Object> window = new LinkedHashMap<>();
        if (all.size() < 2) return window;
        Sample a = all.get(0);
        Sample b = all.get(all.size() - 1);
        for (Sample s : all) if (s.atMillis() <= from.toEpochMilli()) a = s;
        for (int i = all.size() - 1; i >= 0; i--) if (all.get(i).atMillis() >= to.toEpochMilli()) b = all.get(i);
        double seconds = (b.atMillis() - a.atMillis()) / 1000.0;
        window.put("windowSeconds", round(seconds));
        double sum = 0;
        Map<String, ToLongFunction<Sample>> processes = new LinkedHashMap<>();
        processes.put("app", Sample::app);
        processes.put("sandbox", Sample::sandbox);
        processes.put("postgres", Sample::postgres);
        processes.put("harness", Sample::harness);
        for (Map.Entry<String, ToLongFunction<Sample>> p : processes.entrySet()) {
            double cpu = delta(all, a, b, p.getValue());
            if (cpu < 0) continue;
            sum += cpu;
            window.put(p.getKey(), Map.of("cpuSeconds", round(cpu), "cores", round(cpu / seconds)));
        }
        // parts of "app", not added to the sum: a fresh JVM spends much of a short sync compiling its hot path
        double jit = delta(all, a, b, Sample::appJit);
        double gc = delta(all, a, b, Sample::appGc);
        if (jit >= 0) window.put("appJit", Map.of("cpuSeconds", round(jit), "cores", round(jit / seconds)));
        if (gc >= 0) window.put("appGc", Map.of("cpuSeconds", round(gc), "cores", round(gc / seconds)));
        if (a.machine() != null && b.machine() != null) {
            double busy = (b.machine()[0] - a.machine()[0]) / (double) Proc.TICKS_PER_SECOND;
            double stolen = (b.machine()[1] - a.machine()[1]) / (double) Proc.TICKS_PER_SECOND;
            window.put("other", Map.of("cpuSeconds", round(Math.max(0, busy - sum)), "cores", round(Math.max(0, busy - sum) / seconds)));
            window.put("machineBusy", Map.of("cpuSeconds", round(busy), "cores", round(busy / seconds)));
            window.put("stolen", Map.of("cpuSeconds", round(stolen), "cores", round(stolen / seconds)));
            // idle CPUs while some process waited for the disk (WAL flushes, data files)
            double ioWait = (b.machine()[3] - a.machine()[3]) / (double) Proc.TICKS_PER_SECOND;
            window.put("ioWait", Map.of("cpuSeconds", round(ioWait), "cores", round(ioWait / seconds)));
        }
        return window;
    }

    /** b − a for one process; if it was gone at b, its last sighting before b. */
    private static double delta(List<Sample> all, Sample a, Sample b, ToLongFunction<Sample> field) {
        long start = field.applyAsLong(a);
        long end = field.applyAsLong(b);
        if (end < 0) {
            for (Sample s : all) if (s.atMillis() <= b.atMillis() && field.applyAsLong(s) >= 0) end = field.applyAsLong(s);
        }
        if (start < 0 || end < 0) return -1;
        return (end - start) / (double) Proc.TICKS_PER_SECOND;
    }

    private List<Sample> snapshot() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
