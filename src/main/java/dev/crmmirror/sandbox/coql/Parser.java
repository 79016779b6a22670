package dev.crmmirror.sandbox.coql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for {@code select <cols> from <Module> where <criteria> [order by ...]
 * [limit n [offset m] | limit m, n]}. A condition joins at most two operands per bracket level,
 * which is how Zoho rejects {@code A and B and C} while accepting {@code (A and B) and C}.
 */
final class Parser {
    /** Words that end a column name; a field called like one must be quoted. */
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "order", "by",
            "limit", "offset", "like", "in", "is", "null", "between", "asc", "desc");

    private final List<Token> tokens;
    private int position;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String query) {
        return new Parser(Lexer.tokenize(query)).query();
    }

    private Query query() {
        expectKeyword("select");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(column());
        } while (acceptSymbol(","));
        expectKeyword("from");
        String module = expect(Token.Type.WORD).text();
        expectKeyword("where");
        Condition where = condition();
        List<Query.OrderItem> orderBy = new ArrayList<>();
        if (acceptKeyword("order")) {
            expectKeyword("by");
            do {
                String column = column();
                boolean descending = acceptKeyword("desc");
                if (!descending) acceptKeyword("asc");
                orderBy.add(new Query.OrderItem(column, descending));
            } while (acceptSymbol(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (acceptKeyword("limit")) {
            limit = integer();
            if (acceptSymbol(",")) {
                offset = limit;
                limit = integer();
            }
        }
        if (offset == null && acceptKeyword("offset")) offset = integer();
        acceptSymbol(";");
        expect(Token.Type.END);
        return new Query(columns, module, where, orderBy, limit, offset);
    }

    private Condition condition() {
        Condition left = operand();
        if (acceptKeyword("and")) return new Condition.Junction(true, left, operand());
        if (acceptKeyword("or")) return new Condition.Junction(false, left, operand());
        return left;
    }

    private Condition operand() {
        if (acceptSymbol("(")) {
            Condition inner = condition();
            expectSymbol(")");
            return inner;
        }
        return comparison();
    }

    private Condition comparison() {
        String column = column();
        Token token = next();
        if (token.type() == Token.Type.SYMBOL) {
            Operator operator = switch (token.text()) {
                case "=" -> Operator.EQUAL;
                case "!=", "<>" -> Operator.NOT_EQUAL;
                case "<" -> Operator.LESS;
                case "<=" -> Operator.LESS_EQUAL;
                case ">" -> Operator.GREATER;
                case ">=" -> Operator.GREATER_EQUAL;
                default -> throw CoqlException.syntax(token);
            };
            return new Condition.Comparison(column, operator, List.of(literal()));
        }
        boolean negated = token.isKeyword("not");
        if (negated) token = next();
        if (token.isKeyword("like")) {
            return new Condition.Comparison(column, negated ? Operator.NOT_LIKE : Operator.LIKE, List.of(literal()));
        }
        if (token.isKeyword("in")) {
            return new Condition.Comparison(column, negated ? Operator.NOT_IN : Operator.IN, literalList());
        }
        if (token.isKeyword("between")) {
            Token low = literal();
            expectKeyword("and");
            return new Condition.Comparison(column, negated ? Operator.NOT_BETWEEN : Operator.BETWEEN,
                    List.of(low, literal()));
        }
        if (token.isKeyword("is") && !negated) {
            boolean notNull = acceptKeyword("not");
            expectKeyword("null");
            return new Condition.Comparison(column, notNull ? Operator.IS_NOT_NULL : Operator.IS_NULL, List.of());
        }
        throw CoqlException.syntax(token);
    }

    private List<Token> literalList() {
        expectSymbol("(");
        List<Token> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return values;
    }

    private Token literal() {
        Token token = next();
        if (token.type() != Token.Type.STRING && token.type() != Token.Type.NUMBER) throw CoqlException.syntax(token);
        return token;
    }

    /** A field name, bare or quoted (quoting is how a field named like a keyword is selected). */
    private String column() {
        Token token = next();
        if (token.type() == Token.Type.STRING || (token.type() == Token.Type.WORD && !isReserved(token))) {
            return token.text();
        }
        throw CoqlException.syntax(token);
    }

    private static boolean isReserved(Token token) {
        return RESERVED.contains(token.text().toLowerCase(Locale.ROOT));
    }

    private int integer() {
        Token token = expect(Token.Type.NUMBER);
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw CoqlException.syntax(token);
        }
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type() != Token.Type.END) position++;
        return token;
    }

    private Token expect(Token.Type type) {
        Token token = next();
        if (token.type() != type) throw CoqlException.syntax(token);
        return token;
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) throw CoqlException.syntax(token);
    }

    private void expectSymbol(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) throw CoqlException.syntax(token);
    }

    private boolean acceptKeyword(String keyword) {
        if (!tokens.get(position).isKeyword(keyword)) return false;
        position++;
        return true;
    }

    private boolean acceptSymbol(String symbol) {
        if (!tokens.get(position).isSymbol(symbol)) return false;
        position++;
        return true;
    }
}
