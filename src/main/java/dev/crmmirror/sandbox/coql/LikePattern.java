package dev.crmmirror.sandbox.coql;

import java.util.List;

/** A LIKE pattern where {@code %} matches any run of characters; every other character is literal. */
record LikePattern(List<String> parts) {
    static LikePattern of(String pattern) {
        return new LikePattern(List.of(pattern.split("%", -1)));
    }

    boolean matches(String text) {
        String first = parts.get(0);
        if (parts.size() == 1) return text.equals(first);
        String last = parts.get(parts.size() - 1);
        if (!text.startsWith(first) || text.length() < first.length() + last.length()) return false;
        int from = first.length();
        int end = text.length() - last.length();
        for (String middle : parts.subList(1, parts.size() - 1)) {
            int at = text.indexOf(middle, from);
            if (at < 0 || at + middle.length() > end) return false;
            from = at + middle.length();
        }
        return text.endsWith(last);
    }
}
