package dev.crmmirror.sandbox.coql;

import java.util.List;

/** A WHERE clause as parsed: each junction joins exactly two conditions, as COQL demands. */
sealed interface Condition {
    record Junction(boolean and, Condition left, Condition right) implements Condition { }

    /** {@code values} are the literal tokens (STRING or NUMBER): none for IS [NOT] NULL, two for BETWEEN. */
    record Comparison(String column, Operator operator, List<Token> values) implements Condition { }
}
