package dev.crmmirror.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timing print, not a check: a 2,000-row keyset page over 1,000,000 Leads. Off in the normal suite;
 * run with {@code mvn test -Dtest=KeysetBenchmarkTest -Dsandbox.benchmark=true -DargLine=-Xmx2g}.
 */
@EnabledIfSystemProperty(named = "sandbox.benchmark", matches = "true")
class KeysetBenchmarkTest {
    private static final int RECORDS = 1_000_000;

    @Test
    void keysetPageOverAMillionRecords() throws Exception {
        try (ZohoSandbox sandbox = ZohoSandbox.start(SandboxOptions.defaults().withTokenRefreshLimit(1000))) {
            sandbox.clock().set(Instant.parse("2024-06-05T09:04:09Z"));
            long started = System.nanoTime();
            sandbox.module("Leads").generate(RECORDS);
            System.out.printf("generated %,d leads in %d ms%n", RECORDS, (System.nanoTime() - started) / 1_000_000);
            System.out.printf("heap used after GC: %d MB%n", usedHeapMb());

            SandboxClient client = new SandboxClient(sandbox);
            String narrow = "id, Last_Name, First_Name, Email, Company, Owner, Lead_Status, Annual_Revenue, Modified_Time";
            String wide = sandbox.module("Leads").fields().stream().limit(50).map(FieldDef::apiName)
                    .collect(Collectors.joining(", "));
            String middle = "2023-06-05T02:04:09+00:00";
            String keyset = "((Modified_Time > '" + middle + "') or ((Modified_Time = '" + middle + "') and (id > '1')))";
            for (String columns : List.of(narrow, wide)) {
                time(client, "keyset, " + columns.split(",").length + " columns", "select " + columns
                        + " from Leads where " + keyset + " order by Modified_Time asc, id asc limit 2000");
            }
            time(client, "Modified_Time >=", "select " + narrow + " from Leads where Modified_Time >= '" + middle
                    + "' order by Modified_Time asc, id asc limit 2000");
            time(client, "id is not null", "select " + narrow + " from Leads where id is not null limit 2000");
            time(client, "full scan, sorted by Last_Name", "select " + narrow
                    + " from Leads where Lead_Source = 'Chat' order by Last_Name limit 2000");
        }
    }

    private static void time(SandboxClient client, String label, String query) {
        long best = Long.MAX_VALUE;
        int bytes = 0;
        for (int run = 0; run < 7; run++) {
            long started = System.nanoTime();
            SandboxClient.Response response = client.coql(query);
            best = Math.min(best, System.nanoTime() - started);
            JsonNode info = response.json().get("info");
            assertThat(info.get("count").asInt()).isEqualTo(2000);
            bytes = response.body().length();
        }
        System.out.printf("%-40s best of 7: %5.1f ms (%,d chars)%n", label, best / 1e6, bytes);
    }

    private static long usedHeapMb() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }
}
