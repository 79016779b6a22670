package dev.crmmirror.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's knobs: {@code -Dbench.*} system properties (bench/README.md), with their defaults. */
record BenchSettings(
        int records,
        boolean freshness,
        int freshnessEdits,
        String freshnessCron,
        String defaultCron,
        boolean memory,
        int memorySmall,
        int memoryLarge,
        int repeats,
        String appXmx,
        List<String> appJvmArgs,
        String sandboxXmx,
        Duration runTimeout,
        boolean keepDatabases,
        Path basedir,
        Path resultsDir) {

    /** The application runs with the collector of the container image (Dockerfile, JAVA_TOOL_OPTIONS). */
    static final String CONTAINER_JVM_ARGS = "-XX:+UseParallelGC";

    static BenchSettings fromSystemProperties() {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return new BenchSettings(
                positive("bench.records", 200_000),
                bool("bench.freshness", true),
                positive("bench.freshness.edits", 10),
                System.getProperty("bench.freshness.cron", "0/10 * * * * ?"),
                defaultCron(basedir),
                bool("bench.memory", true),
                positive("bench.memory.small", 100_000),
                positive("bench.memory.large", 1_000_000),
                positive("bench.repeats", 3),
                System.getProperty("bench.app.xmx", "256m"),
                List.of(System.getProperty("bench.app.jvm-args", CONTAINER_JVM_ARGS).trim().split("\\s+")).stream().filter(a -> !a.isEmpty()).toList(),
                System.getProperty("bench.sandbox.xmx", "3g"),
                Duration.ofMinutes(positive("bench.timeout.minutes", 30)),
                bool("bench.keep-databases", false),
                basedir,
                basedir.resolve(System.getProperty("bench.results.dir", "bench/results")));
    }

    Path jar() {
        return basedir.resolve("target/crm-mirror.jar");
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bench.records", records);
        map.put("bench.freshness", freshness);
        map.put("bench.freshness.edits", freshnessEdits);
        map.put("bench.freshness.cron", freshnessCron);
        map.put("defaultCron (config/application.yml)", defaultCron);
        map.put("bench.memory", memory);
        map.put("bench.memory.small", memorySmall);
        map.put("bench.memory.large", memoryLarge);
        map.put("bench.repeats", repeats);
        map.put("bench.app.xmx", appXmx);
        map.put("bench.app.jvm-args", String.join(" ", appJvmArgs));
        map.put("bench.sandbox.xmx", sandboxXmx);
        map.put("bench.timeout.minutes", runTimeout.toMinutes());
        map.put("bench.keep-databases", keepDatabases);
        return map;
    }

    /** The schedule operators get out of the box: crm-mirror.defaults.cron of config/application.yml. */
    private static String defaultCron(Path basedir) {
        Path yml = basedir.resolve("config/application.yml");
        try {
            String cron = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(yml)).at("/crm-mirror/defaults/cron").asText("");
            if (cron.isBlank()) throw new IllegalStateException(yml + " has no crm-mirror.defaults.cron");
            return cron;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yml, e);
        }
    }

    private static int positive(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            int parsed = Integer.parseInt(value.strip().replace("_", ""));
            if (parsed < 1) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a positive whole number, got '" + value + "'");
        }
    }

    private static boolean bool(String name, boolean fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) return fallback;
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) return Boolean.parseBoolean(value);
        throw new IllegalArgumentException("-D" + name + " must be true or false, got '" + value + "'");
    }
}
