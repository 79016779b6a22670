package dev.crmmirror.sandbox.coql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a COQL query into tokens. Words may contain dots ({@code Owner.last_name}); string
 * literals are single-quoted and a backslash takes the next character literally ({@code \'}, {@code \\}).
 */
final class Lexer {
    /** Two-character symbols first, so that "<=" is not read as "<" and "=". */
    private static final List<String> SYMBOLS = List.of("<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", ";", "*");

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String query) {
        return new Lexer(query).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(Token.Type.END, "", line, column));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int startLine = line;
        int startColumn = column;
        char c = text.charAt(index);
        if (c == '\'') return new Token(Token.Type.STRING, quoted(startLine, startColumn), startLine, startColumn);
        if (isDigit(c) || (c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
            return new Token(Token.Type.NUMBER, take(this::isNumberPart), startLine, startColumn);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            return new Token(Token.Type.WORD, take(this::isWordPart), startLine, startColumn);
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, index)) {
                advance(symbol.length());
                return new Token(Token.Type.SYMBOL, symbol, startLine, startColumn);
            }
        }
        throw CoqlException.syntax(new Token(Token.Type.SYMBOL, String.valueOf(c), startLine, startColumn));
    }

    private String quoted(int startLine, int startColumn) {
        StringBuilder value = new StringBuilder();
        advance(1);
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\'') {
                advance(1);
                return value.toString();
            }
            if (c == '\\' && index + 1 < text.length()) {
                advance(1);
                c = text.charAt(index);
            }
            value.append(c);
            advance(1);
        }
        throw CoqlException.syntax(new Token(Token.Type.STRING, "'" + value, startLine, startColumn));
    }

    private String take(CharTest test) {
        int start = index;
        while (index < text.length() && test.accepts(text.charAt(index), index == start)) advance(1);
        return text.substring(start, index);
    }

    private boolean isNumberPart(char c, boolean first) {
        return isDigit(c) || c == '.' || (first && c == '-');
    }

    private boolean isWordPart(char c, boolean first) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) advance(1);
    }

    private void advance(int count) {
        for (int i = 0; i < count; i++) {
            if (text.charAt(index++) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    @FunctionalInterface
    private interface CharTest {
        boolean accepts(char c, boolean first);
    }
}
