package dev.crmmirror.sandbox.data;

import java.util.Comparator;

/**
 * Orders record keys the way Zoho orders ids: numerically (ids are bigints), without parsing them.
 * Keys that are not plain digits (records stored without an id, or with a malformed one) come first.
 */
public final class IdOrder implements Comparator<String> {
    public static final IdOrder INSTANCE = new IdOrder();

    private IdOrder() { }

    @Override
    public int compare(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric != bNumeric) return aNumeric ? 1 : -1;
        if (aNumeric && a.length() != b.length()) return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }

    /** Digits without a leading zero, so that longer means larger. */
    public static boolean isNumeric(String key) {
        if (key.isEmpty() || (key.charAt(0) == '0' && key.length() > 1)) return false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
