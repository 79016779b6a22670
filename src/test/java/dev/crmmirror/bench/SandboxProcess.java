package dev.crmmirror.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Zoho sandbox in a JVM of its own ({@code ZohoSandbox.main} from the application jar), so that the
 * application's memory and CPU figures are its own. It prints its base URL and throw-away credentials; the
 * benchmark reads its counters and makes edits through its /__sandbox/ control surface.
 */
final class SandboxProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Thread killer;
    private final Map<String, String> printed;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> command;

    private SandboxProcess(Process process, Thread killer, Map<String, String> printed, List<String> command) {
        this.process = process;
        this.killer = killer;
        this.printed = printed;
        this.command = command;
    }

    static SandboxProcess start(BenchSettings settings, int leads, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(java(), "-Xmx" + settings.sandboxXmx(), "-cp", settings.jar().toString(),
                "-Dloader.main=dev.crmmirror.sandbox.ZohoSandbox", "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--port=0", "--leads=" + leads, "--deals=0");
        Process process = new ProcessBuilder(command).directory(settings.basedir().toFile()).redirectErrorStream(true).start();
        // the sandbox runs until killed: never leave one behind, even when the benchmark is interrupted
        Thread killer = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
        Map<String, String> printed = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(1);
        Files.createDirectories(log.getParent());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line; (line = in.readLine()) != null; ) {
                    String trimmed = line.trim();
                    int eq = trimmed.indexOf('=');
                    if (trimmed.startsWith("ZOHO_") && eq > 0) {
                        String key = trimmed.substring(0, eq);
                        printed.put(key, trimmed.substring(eq + 1));
                        // throw-away credentials, but a log is no place for secrets
                        out.println(key.endsWith("SECRET") || key.endsWith("TOKEN") ? "  " + key + "=***" : line);
                        if (key.equals("ZOHO_REFRESH_TOKEN")) ready.countDown();
                    } else {
                        out.println(line);
                    }
                }
            } catch (IOException e) {
                // the sandbox went away
            }
        }, "bench-sandbox-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(3, TimeUnit.MINUTES) || !process.isAlive()) {
            process.destroyForcibly();
            throw new IllegalStateException("the sandbox did not start; see " + log);
        }
        return new SandboxProcess(process, killer, printed, command);
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return printed.get("ZOHO_API_URL");
    }

    String accountsUrl() {
        return printed.get("ZOHO_ACCOUNTS_URL");
    }

    String clientId() {
        return printed.get("ZOHO_CLIENT_ID");
    }

    String clientSecret() {
        return printed.get("ZOHO_CLIENT_SECRET");
    }

    String refreshToken() {
        return printed.get("ZOHO_REFRESH_TOKEN");
    }

    List<String> command() {
        return command;
    }

    /** The sandbox's counters: requests, coqlCalls, coqlCallsByModule, coqlCredits, deletedCalls, tokenRefreshes, ... */
    JsonNode stats() throws IOException, InterruptedException {
        return call("GET", "/__sandbox/stats");
    }

    void resetStats() throws IOException, InterruptedException {
        call("POST", "/__sandbox/stats/reset");
    }

    record Edit(String id, Instant modifiedTime) { }

    List<Edit> edit(String module, int count) throws IOException, InterruptedException {
        List<Edit> edits = new ArrayList<>();
        for (JsonNode e : call("POST", "/__sandbox/edit?module=" + module + "&count=" + count).get("data")) {
            edits.add(new Edit(e.get("id").asText(), OffsetDateTime.parse(e.get("Modified_Time").asText()).toInstant()));
        }
        return edits;
    }

    private JsonNode call(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
        Runtime.getRuntime().removeShutdownHook(killer);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
