package dev.crmmirror.config;

/**
 * Configuration that cannot work, found at start-up. The message names the setting (or file) and the
 * problem; {@link #action()} tells the user what to change. Spring Boot prints both through
 * {@link InvalidConfigurationFailureAnalyzer} instead of a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String action;

    public InvalidConfigurationException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
