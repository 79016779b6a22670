package dev.crmmirror.bench;

import org.junit.jupiter.api.Test;

/**
 * The speed and API-economy benchmark (bench/README.md): {@code ./mvnw -Pbench verify}. Runs only under the bench
 * profile (maven-failsafe-plugin, after {@code package} built target/crm-mirror.jar); the normal build skips it.
 * It fails when the mirror does not converge or a run fails; performance targets are reported, not asserted.
 */
class SyncBenchmarkIT {

    @Test
    void benchmark() throws Exception {
        new Benchmark(BenchSettings.fromSystemProperties()).run();
    }
}
