package dev.crmmirror.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.crmmirror.sandbox.data.Directory;
import dev.crmmirror.sandbox.data.IdSequence;
import dev.crmmirror.sandbox.data.ModuleSchema;
import dev.crmmirror.sandbox.data.StandardModules;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process imitation of Zoho CRM's REST API, as zoho-api.md documents it: the accounts
 * server's token endpoint and the CRM API's COQL, deleted-records and field-metadata endpoints
 * on one loopback port, with Leads and Deals data, Zoho's limits and injectable faults.
 */
public final class ZohoSandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZohoSandbox.class);
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final Credentials credentials;
    private final Map<String, SandboxModule> modules;
    private final Faults faults;
    private final SandboxStats stats;
    private final SandboxClock clock;
    private final TokenAuthority tokens;
    private final ActivitySimulator activity;

    private ZohoSandbox(HttpServer server, ExecutorService httpThreads, Credentials credentials,
                        Map<String, SandboxModule> modules, Faults faults, SandboxStats stats, SandboxClock clock,
                        TokenAuthority tokens) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.credentials = credentials;
        this.modules = modules;
        this.faults = faults;
        this.stats = stats;
        this.clock = clock;
        this.tokens = tokens;
        this.activity = new ActivitySimulator(modules.values());
    }

    /** Starts serving on 127.0.0.1 with empty Leads and Deals modules. */
    public static ZohoSandbox start(SandboxOptions options) throws IOException {
        SandboxClock clock = new AdjustableClock();
        SandboxStats stats = new SandboxStats();
        Faults faults = new Faults();
        IdSequence ids = new IdSequence();
        Directory directory = Directory.create(options.seed(), ids);
        Map<String, SandboxModule> modules = new LinkedHashMap<>();
        for (ModuleSchema schema : List.of(StandardModules.leads(), StandardModules.deals())) {
            modules.put(schema.module(), new SandboxModule(schema, directory, ids, clock,
                    options.seed() * 31 + schema.module().hashCode()));
        }
        Credentials credentials = TokenAuthority.newCredentials();
        TokenAuthority tokens = new TokenAuthority(credentials, options, clock);

        disableNagle();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 50);
        // unbounded on purpose: the concurrency limit must be observable, not hidden by a queue
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(httpThreads);
        String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        ApiGateway gateway = new ApiGateway(
                new TokenEndpoint(tokens, options, faults, stats, baseUrl),
                new CrmPipeline(tokens, faults, stats, options.maxConcurrentRequests()),
                Map.of("/crm/v8/coql", new CoqlEndpoint(modules, directory, stats),
                        "/crm/v8/settings/fields", new FieldsEndpoint(modules)),
                new DeletedRecordsEndpoint(modules, stats),
                new ControlEndpoint(modules, stats));
        server.createContext("/", gateway);
        server.start();
        LOG.info("Zoho CRM sandbox listening on {}", baseUrl);
        return new ZohoSandbox(server, httpThreads, credentials, Collections.unmodifiableMap(modules), faults, stats, clock,
                tokens);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** @throws IllegalArgumentException for a module the sandbox lacks (names are case-sensitive, like Zoho's) */
    public SandboxModule module(String apiName) {
        SandboxModule module = modules.get(apiName);
        if (module == null) {
            throw new IllegalArgumentException("no module '" + apiName + "'; known: " + String.join(", ", modules.keySet()));
        }
        return module;
    }

    public Faults faults() {
        return faults;
    }

    public SandboxStats stats() {
        return stats;
    }

    public SandboxClock clock() {
        return clock;
    }

    /** Every access token issued so far becomes invalid: the next API call gets 401 INVALID_TOKEN. */
    public void revokeAccessTokens() {
        tokens.revokeAll();
    }

    /** Background changes for demo mode: each tick, per module, {@code creates} new, {@code edits} edited, {@code deletes} deleted records. */
    public void startActivity(Duration every, int creates, int edits, int deletes) {
        activity.start(every, creates, edits, deletes);
    }

    public void stopActivity() {
        activity.stop();
    }

    /**
     * Back to a fresh org for the next test: no records, no faults, counters at zero, system time. Access
     * tokens already issued stay valid, as a client's cached token would at Zoho.
     */
    public void reset() {
        activity.stop();
        faults.clear();
        stats.reset();
        clock.useSystemTime();
        modules.values().forEach(SandboxModule::clear);
    }

    /** Stops the server and the activity; requests in progress (a slow response, say) are cut off. */
    @Override
    public void close() {
        activity.close();
        server.stop(0);
        httpThreads.shutdownNow();
    }

    /**
     * Standalone: {@code --port=N --leads=N --deals=N}; runs until killed. Another process (the benchmark) reads
     * the counters and makes edits through {@code /__sandbox/stats}, {@code /__sandbox/stats/reset} and
     * {@code /__sandbox/edit?module=Leads&count=1} (see {@link ControlEndpoint}).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, Integer> settings = new LinkedHashMap<>(Map.of("port", 0, "leads", 1000, "deals", 500));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !settings.containsKey(pair[0])) {
                System.err.println("usage: ZohoSandbox [--port=N] [--leads=N] [--deals=N]");
                System.exit(2);
            }
            settings.put(pair[0], Integer.parseInt(pair[1]));
        }
        ZohoSandbox sandbox = start(SandboxOptions.defaults().withPort(settings.get("port")));
        sandbox.module("Leads").generate(settings.get("leads"));
        sandbox.module("Deals").generate(settings.get("deals"));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        // a local simulator printing its own throw-away credentials, so a client can be pointed at it
        Credentials credentials = sandbox.credentials();
        System.out.println("Zoho CRM sandbox at " + sandbox.baseUrl());
        System.out.println("  ZOHO_ACCOUNTS_URL=" + sandbox.baseUrl());
        System.out.println("  ZOHO_API_URL=" + sandbox.baseUrl());
        System.out.println("  ZOHO_CLIENT_ID=" + credentials.clientId());
        System.out.println("  ZOHO_CLIENT_SECRET=" + credentials.clientSecret());
        System.out.println("  ZOHO_REFRESH_TOKEN=" + credentials.refreshToken());
        new CountDownLatch(1).await();
    }

    /**
     * The JDK server writes headers and body separately; with Nagle's algorithm the body then waits
     * for the client's delayed ACK, adding 40 ms to every call. The switch is JVM-wide and read once,
     * when the first server starts, so it is only set if nobody chose otherwise.
     */
    private static void disableNagle() {
        if (System.getProperty(NODELAY_PROPERTY) == null) System.setProperty(NODELAY_PROPERTY, "true");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "zoho-sandbox-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
