package dev.crmmirror.config;

import dev.crmmirror.CrmMirrorApplication;
import dev.crmmirror.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Configuration that cannot work stops start-up, before any sync, with the setting to fix. */
class StartupChecksTest {

    private static final TestDatabase db = TestDatabase.get();

    @TempDir
    Path dir;

    @Test
    void missingCredentialsNameTheirEnvironmentVariable() {
        Throwable failure = start("--zoho.client-id=", "--zoho.refresh-token=");

        assertThat(messages(failure)).contains("zoho.clientId").contains("ZOHO_CLIENT_ID").contains("ZOHO_REFRESH_TOKEN");
    }

    @Test
    void anUnknownModuleNamesTheMappingFileToAdd() {
        Throwable failure = start("--crm-mirror.modules=Leads,Contacts");

        assertThat(rootOfType(failure, InvalidConfigurationException.class).getMessage()).contains("no mapping for module 'Contacts'");
    }

    @Test
    void aMappingWithAnUnknownTypeOrADuplicateColumnIsRefused() throws Exception {
        Files.writeString(dir.resolve("leads.yaml"), "module: Leads\nfields:\n  Email: varchar\n  Phone: text\n  Mobile: { type: text, column: phone }\n");

        Throwable failure = start("--crm-mirror.modules=Leads", "--crm-mirror.mappings-dir=" + dir);

        assertThat(rootOfType(failure, InvalidConfigurationException.class).getMessage())
                .contains("Email: unknown type 'varchar'").contains("Mobile and Phone both map to column 'phone'");
    }

    @Test
    void badScheduleSettingsAreNamed() {
        Throwable failure = start("--crm-mirror.defaults.cron=every 5 minutes", "--crm-mirror.overrides.deals.page-size=5000");

        assertThat(messages(failure)).contains("crm-mirror.defaults.cron must be a Quartz cron expression")
                .contains("crm-mirror.overrides.deals.page-size must be 1..2000");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithTheSettingToCheck() {
        Throwable failure = start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/crm_mirror");
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/crm_mirror")
                .withProperty("spring.datasource.username", "crm_mirror");

        FailureAnalysis analysis = new DatabaseUnreachableFailureAnalyzer(env).analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("jdbc:postgresql://127.0.0.1:1/crm_mirror (SPRING_DATASOURCE_URL)")
                .contains("as user crm_mirror");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_PASSWORD");
    }

    /** Starts the application with working settings except {@code overrides} (a repeated option would be joined, not replaced). */
    private static Throwable start(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", db.url());
        settings.put("spring.datasource.username", db.username());
        settings.put("spring.datasource.password", db.password());
        settings.put("spring.datasource.hikari.connection-timeout", "2000");
        settings.put("zoho.client-id", "id");
        settings.put("zoho.client-secret", "secret");
        settings.put("zoho.refresh-token", "token");
        settings.put("crm-mirror.defaults.cron", "0 0 0 1 1 ? 2099");
        for (String o : overrides) {
            String[] kv = o.substring(2).split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication app = new SpringApplication(CrmMirrorApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> app.run(args.toArray(String[]::new)).close());
        assertThat(failure).as("start-up must fail").isNotNull();
        return failure;
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static <T extends Throwable> T rootOfType(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + messages(t));
    }
}
