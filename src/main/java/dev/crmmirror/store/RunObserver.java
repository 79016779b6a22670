package dev.crmmirror.store;

/** Told what runs do while they do it: the metrics listen here. */
public interface RunObserver {

    RunObserver NONE = new RunObserver() {
        @Override
        public void counted(String module, Count what, long n) {
        }

        @Override
        public void ended(SyncRun run) {
        }
    };

    enum Count { READ, WRITTEN, QUARANTINED, DELETED, API_CALLS, API_CREDITS }

    void counted(String module, Count what, long n);

    /** After the run's row is final: ok, failed or skipped. */
    void ended(SyncRun run);
}
