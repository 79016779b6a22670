package dev.crmmirror.sandbox.data;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Random choices shared by the directory and the field sources. */
final class Draw {
    private Draw() { }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    /** Now and then a value keeps the stray spaces a user typed around it. */
    static String stray(SplittableRandom random, String value) {
        double roll = random.nextDouble();
        if (roll < 0.02) return " " + value;
        if (roll < 0.04) return value + "  ";
        return value;
    }

    static String digits(SplittableRandom random, String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            out.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        return out.toString();
    }

    static String email(SplittableRandom random, String first, String last) {
        String local = (first == null ? "" : asciiWord(first) + ".") + asciiWord(last);
        if (local.isEmpty() || local.equals(".")) local = "contact" + random.nextInt(10_000);
        if (chance(random, 0.1)) local = local + "+crm";
        return local + "@" + pick(random, SampleText.DOMAINS);
    }

    /** Apostrophes survive on purpose: they are legal in an e-mail local part and break naive SQL. */
    static String asciiWord(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder();
        for (char c : folded.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    static String companyName(SplittableRandom random) {
        String suffix = pick(random, SampleText.COMPANY_SUFFIXES);
        String stem = pick(random, SampleText.COMPANY_STEMS);
        return suffix.isEmpty() ? stem : stem + " " + suffix;
    }
}
