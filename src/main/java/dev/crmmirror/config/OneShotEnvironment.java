package dev.crmmirror.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * A one-shot command (run-once, replay-quarantine) needs no web server: it would clash with the port of an instance running alongside. (Its
 * Quartz scheduler stays stopped too: run-once mode has no schedule routes, and Camel starts the scheduler.)
 */
class OneShotEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("crm-mirror.run-once", "").isBlank() || !env.getProperty("crm-mirror.replay-quarantine", "").isBlank()) {
            env.getPropertySources().addFirst(new MapPropertySource("crm-mirror-run-once", Map.of(
                    "spring.main.web-application-type", "none")));
        }
    }
}
