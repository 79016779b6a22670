package dev.crmmirror.mapping;

import java.util.Locale;
import java.util.regex.Pattern;

/** How Zoho API names become PostgreSQL identifiers. */
public final class Names {

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Names() {
    }

    /** {@code Annual_Revenue → annual_revenue}, {@code SkypeID → skype_id}, {@code Enrich_Status__s → enrich_status_s}. */
    public static String snakeCase(String apiName) {
        String s = apiName.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The prefix of a lookup's two columns: {@code Owner → owner}, {@code Account_Name → account}
     * (Zoho names most lookups after the record they point to, so {@code _name} would repeat itself).
     */
    public static String lookupPrefix(String apiName) {
        String snake = snakeCase(apiName);
        return snake.endsWith("_name") && snake.length() > "_name".length()
                ? snake.substring(0, snake.length() - "_name".length())
                : snake;
    }

    public static boolean isApiName(String s) {
        return s != null && API_NAME.matcher(s).matches();
    }

    public static boolean isIdentifier(String s) {
        return s != null && IDENTIFIER.matcher(s).matches();
    }

    /** Generated SQL quotes every identifier, so a column may be called {@code type} or {@code order}. */
    public static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
