package dev.crmmirror.sandbox.coql;

import java.util.LinkedHashMap;
import java.util.Map;

/** A query Zoho would refuse with HTTP 400; carries the error body's code, message and details (zoho-api.md §2.9). */
public final class CoqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final Map<String, Object> details;

    private CoqlException(String code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public String code() { return code; }

    public Map<String, Object> details() { return details; }

    static CoqlException syntax(Token near) {
        return new CoqlException("SYNTAX_ERROR", "invalid query formed",
                details("near", near.text(), "line", near.line(), "column", near.column()));
    }

    static CoqlException limitExceeded(String message, String clause, int limit) {
        return new CoqlException("LIMIT_EXCEEDED", message, details("clause", clause, "limit", limit));
    }

    static CoqlException invalidColumn(String column) {
        return new CoqlException("INVALID_QUERY", "column given seems to be invalid", details("column_name", column));
    }

    static CoqlException invalidValue(String column) {
        return new CoqlException("INVALID_QUERY", "value given seems to be invalid for the column",
                details("column_name", column));
    }

    static CoqlException invalidOperator(String column, String operator) {
        return new CoqlException("INVALID_QUERY", "invalid operator found",
                details("column_name", column, "operator", operator));
    }

    static CoqlException unsupportedType(String column, String dataType) {
        return new CoqlException("INVALID_QUERY", "data type not supported",
                details("column_name", column, "data_type", dataType));
    }

    static CoqlException invalidModule(String module) {
        return new CoqlException("INVALID_QUERY", "the module name given seems to be invalid", details("module", module));
    }

    static CoqlException duplicate(String clause, String column) {
        return new CoqlException("DUPLICATE_DATA", "duplicate data", details("clause", clause, "column_name", column));
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }
}
