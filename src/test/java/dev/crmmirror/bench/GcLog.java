package dev.crmmirror.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified JVM GC log ({@code -Xlog:gc*:file=...}): every pause line such as
 * {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 5.123ms} gives the heap in use before
 * and after that collection. The largest "before" is the peak heap; the largest "after" is the most the heap held
 * right after a collection (for a young pause that still counts old garbage not yet collected: an upper bound of
 * the live set).
 */
record GcLog(String collector, int pauses, int fullPauses, double peakHeapBeforeMb, double maxHeapAfterMb,
             double maxHeapCommittedMb, double totalPauseMillis) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\((\\d+)\\)\\s+(Pause.*?)\\s+(\\d+(?:\\.\\d+)?)([KMG])->(\\d+(?:\\.\\d+)?)([KMG])\\((\\d+(?:\\.\\d+)?)([KMG])\\)\\s+(\\d+(?:\\.\\d+)?)ms");
    private static final Pattern USING = Pattern.compile("\\]\\s*Using (.+)$");

    static GcLog parse(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static GcLog parse(List<String> lines) {
        String collector = null;
        int pauses = 0;
        int full = 0;
        double before = 0;
        double after = 0;
        double committed = 0;
        double pauseMillis = 0;
        for (String line : lines) {
            if (collector == null) {
                Matcher using = USING.matcher(line);
                if (using.find()) collector = using.group(1).trim();
            }
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) continue;
            pauses++;
            if (m.group(2).startsWith("Pause Full")) full++;
            before = Math.max(before, mb(m.group(3), m.group(4)));
            after = Math.max(after, mb(m.group(5), m.group(6)));
            committed = Math.max(committed, mb(m.group(7), m.group(8)));
            pauseMillis += Double.parseDouble(m.group(9));
        }
        return new GcLog(collector, pauses, full, before, after, committed, pauseMillis);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("collector", collector);
        map.put("pauses", pauses);
        map.put("fullPauses", fullPauses);
        map.put("peakHeapBeforeGcMb", peakHeapBeforeMb);
        map.put("maxHeapAfterGcMb", maxHeapAfterMb);
        map.put("maxHeapCommittedMb", maxHeapCommittedMb);
        map.put("totalPauseMillis", Sampler.round(totalPauseMillis));
        return map;
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
