package dev.crmmirror.sandbox.coql;

import java.util.Locale;

/** A lexical unit of a query with its 1-based position, for error details. */
record Token(Type type, String text, int line, int column) {
    enum Type { WORD, STRING, NUMBER, SYMBOL, END }

    /** Keywords are case-insensitive; a quoted string never is one. */
    boolean isKeyword(String keyword) {
        return type == Type.WORD && text.toLowerCase(Locale.ROOT).equals(keyword);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }
}
