package dev.crmmirror.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.sandbox.Fault;
import dev.crmmirror.store.SyncRun;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators see: the console behind a login, metrics, health, the runs page, and logs tied to their run. */
class OperationsTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void withoutALoginOnlyTheKubernetesProbesAnswer() throws Exception {
        for (String path : List.of("/actuator/hawtio/", "/actuator/jolokia/version", "/actuator/prometheus", "/actuator/health",
                "/actuator/syncruns", "/actuator/metrics", "/runs")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(get(path).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
        }
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(get(probe).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("UP");
        }
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(get("/actuator/prometheus")
                .header("Authorization", basic(CONSOLE_USER, "wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void anOperatorLogsIntoHawtioAndSeesTheCamelRoutes() throws Exception {
        HttpResponse<String> loginForm = browser.send(get("/actuator/hawtio/").header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loginForm.uri().getPath()).as("the console sends a stranger to the login form").isEqualTo("/login");

        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + CONSOLE_USER + "&password=" + CONSOLE_PASSWORD + "&_csrf="
                        + URLEncoder.encode(csrfField(loginForm.body()), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(afterLogin.statusCode()).isEqualTo(200);
        assertThat(afterLogin.uri().getPath()).startsWith("/actuator/hawtio");
        assertThat(afterLogin.body()).containsIgnoringCase("hawtio");

        // what the console's Camel plugin asks Jolokia
        HttpResponse<String> routes = browser.send(HttpRequest.newBuilder(url("/actuator/jolokia"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(routes.body()).path("value").toString())
                .contains("zoho-sync-leads").contains("zoho-sync-deals").contains("zoho-schedule-leads").contains("zoho-api")
                .contains("zoho-sync-failed");
    }

    @Test
    void afterARunPrometheusShowsTheSyncMetrics() throws Exception {
        sandbox.module("Deals").generate(1_500);
        double writtenBefore = metric("crm_mirror_records_written_total{module=\"Deals\"}");
        double okRunsBefore = metric("crm_mirror_runs_total{kind=\"sync\",module=\"Deals\",status=\"ok\"}");
        sandbox.faults().failNext(1, Fault.TOO_MANY_REQUESTS);

        SyncRun run = sync("Deals");

        assertThat(run.status()).isEqualTo(SyncRun.Status.OK);
        assertThat(metric("crm_mirror_records_written_total{module=\"Deals\"}") - writtenBefore).isEqualTo(1_500);
        assertThat(metric("crm_mirror_runs_total{kind=\"sync\",module=\"Deals\",status=\"ok\"}") - okRunsBefore).isEqualTo(1);
        String scrape = scrape();
        assertThat(scrape).contains("crm_mirror_records_read_total{module=\"Deals\"}", "crm_mirror_records_quarantined_total{module=\"Deals\"}",
                "crm_mirror_records_deleted_total{module=\"Deals\"}", "crm_mirror_api_calls_total{module=\"Deals\"}",
                "crm_mirror_api_credits_total{module=\"Deals\"}", "crm_mirror_api_throttled_total{module=\"Deals\"}",
                "crm_mirror_api_retries_total{module=\"Deals\"}", "crm_mirror_token_refreshes_total",
                "crm_mirror_run_duration_seconds_count{module=\"Deals\",status=\"ok\"}", "crm_mirror_consecutive_failures{module=\"Deals\"}",
                "crm_mirror_freshness_seconds{module=\"Deals\"}", "crm_mirror_last_ok_run_age_seconds{module=\"Deals\"}");
        assertThat(metric("crm_mirror_last_ok_run_age_seconds{module=\"Deals\"}")).isBetween(0.0, 30.0);
        assertThat(scrape).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"zoho-sync-deals\"");
    }

    @Test
    void aModuleWhoseRunsKeepFailingIsDownInHealthAndTheRunsPageSaysWhy() throws Exception {
        sandbox.module("Leads").generate(100);
        sandbox.faults().failNext(1_000, Fault.INTERNAL_ERROR);
        sync("Leads");
        sync("Leads");
        sandbox.faults().clear();

        JsonNode health = JSON.readTree(authenticated("/actuator/health").body());
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        JsonNode leads = health.path("components").path("syncModules").path("components").path("leads");
        assertThat(leads.path("status").asText()).isEqualTo("DOWN");
        assertThat(leads.path("details").path("consecutiveFailures").asInt()).isEqualTo(2);
        assertThat(leads.path("details").path("lastError").asText()).contains("HTTP 500");
        String page = authenticated("/runs").body();
        assertThat(page).contains("<h2>Leads</h2>").contains("failed runs in a row: 2").contains("HTTP 500");

        assertThat(sync("Leads").status()).isEqualTo(SyncRun.Status.OK);
        health = JSON.readTree(authenticated("/actuator/health").body());
        assertThat(health.path("components").path("syncModules").path("components").path("leads").path("status").asText()).isEqualTo("UP");
        JsonNode runs = JSON.readTree(authenticated("/actuator/syncruns").body());
        assertThat(runs.path("Leads").path("runs")).hasSize(3);
        assertThat(runs.path("Leads").path("runs").get(0).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void everyLogLineOfARunCarriesItsRunIdAndModule() {
        sandbox.module("Deals").generate(3_000);
        sandbox.faults().failNext(1, Fault.INTERNAL_ERROR);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        lines.start();
        root.addAppender(lines);
        SyncRun run;
        try {
            run = sync("Deals");
        } finally {
            root.detachAppender(lines);
        }

        List<ILoggingEvent> ofTheRun = lines.list.stream()
                .filter(e -> e.getLoggerName().startsWith("dev.crmmirror") || e.getLoggerName().startsWith("org.apache.camel")).toList();
        assertThat(ofTheRun).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ofTheRun).allSatisfy(e -> {
            assertThat(e.getMDCPropertyMap()).as(e.getFormattedMessage()).containsEntry("run_id", run.id().toString()).containsEntry("module", "Deals");
        });
    }

    private double metric(String series) throws Exception {
        for (String line : scrape().lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return 0;
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = authenticated("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> authenticated(String path) throws Exception {
        return HttpClient.newHttpClient().send(get(path).header("Authorization", basic(CONSOLE_USER, CONSOLE_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(url(path)).GET();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private static String csrfField(String loginPage) {
        Matcher m = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(m.find()).as("the login form carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
