package dev.crmmirror.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * A one-shot run needs neither the web server (it would clash with a running instance's port) nor the
 * Quartz scheduler (a clustered scheduler would start executing other instances' schedules).
 */
class RunOnceEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("crm-mirror.run-once", "").isBlank()) {
            env.getPropertySources().addFirst(new MapPropertySource("crm-mirror-run-once", Map.of(
                    "spring.main.web-application-type", "none",
                    "spring.quartz.auto-startup", "false")));
        }
    }
}
