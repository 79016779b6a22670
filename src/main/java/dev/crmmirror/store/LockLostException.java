package dev.crmmirror.store;

/**
 * This run's module lock was taken over (the run looked dead: no heartbeat for crm-mirror.lock-stale-after).
 * The run stops rather than write alongside the run that took over.
 */
public class LockLostException extends RuntimeException {

    LockLostException(SyncRun run) {
        super(run + " lost the lock of module " + run.module() + " to another run (no heartbeat for longer than "
                + "crm-mirror.lock-stale-after); it stops so that two runs never write one module at once. If runs are really "
                + "this slow, raise crm-mirror.lock-stale-after.");
    }
}
