package dev.crmmirror.sandbox;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users at work, for demo mode: every tick each module gets some creates, edits and deletes. */
final class ActivitySimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivitySimulator.class);

    private final Collection<SandboxModule> modules;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "zoho-sandbox-activity");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> running;

    ActivitySimulator(Collection<SandboxModule> modules) {
        this.modules = modules;
    }

    /** Replaces any activity already running. */
    synchronized void start(Duration every, int creates, int edits, int deletes) {
        if (every.isZero() || every.isNegative()) throw new IllegalArgumentException("every must be positive");
        if (creates < 0 || edits < 0 || deletes < 0) throw new IllegalArgumentException("counts must not be negative");
        stop();
        running = scheduler.scheduleAtFixedRate(() -> tick(creates, edits, deletes),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (running != null) running.cancel(false);
        running = null;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void tick(int creates, int edits, int deletes) {
        // an exception escaping here would silently cancel all further ticks
        try {
            for (SandboxModule module : modules) {
                module.create(creates);
                module.editRandom(edits);
                module.deleteRandom(deletes);
            }
        } catch (RuntimeException e) {
            LOG.warn("simulated activity failed", e);
        }
    }
}
