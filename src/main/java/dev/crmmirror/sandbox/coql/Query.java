package dev.crmmirror.sandbox.coql;

import java.util.List;

/** A parsed COQL statement, not yet checked against a module. Null limit or offset: not given. */
record Query(List<String> columns, String module, Condition where, List<OrderItem> orderBy, Integer limit,
             Integer offset) {
    record OrderItem(String column, boolean descending) { }
}
