package dev.crmmirror.sandbox.coql;

/** Criteria operators of COQL (zoho-api.md §2.6). */
enum Operator {
    EQUAL("="), NOT_EQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">="),
    LIKE("like"), NOT_LIKE("not like"), IN("in"), NOT_IN("not in"), IS_NULL("is null"), IS_NOT_NULL("is not null"),
    BETWEEN("between"), NOT_BETWEEN("not between");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    String text() { return text; }
}
