package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.ModuleSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Parses a select_query and checks it against the module's schema and COQL's limits (zoho-api.md §2.3, §2.5). */
public final class QueryCompiler {
    static final int MAX_LIMIT = 2000;
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_REACHABLE = 100_000;
    static final int MAX_COLUMNS = 50;
    static final int MAX_CRITERIA = 25;
    static final int MAX_IN_VALUES = 50;
    static final int MAX_ORDER_BY = 10;

    private QueryCompiler() { }

    /**
     * @param schemas the schema of a module by its API name, null for unknown modules
     * @throws CoqlException for anything Zoho answers with HTTP 400
     */
    public static CompiledQuery compile(String selectQuery, Function<String, ModuleSchema> schemas) {
        Query query = Parser.parse(selectQuery);
        checkLimits(query);
        ModuleSchema schema = schemas.apply(query.module());
        if (schema == null) throw CoqlException.invalidModule(query.module());

        Map<String, Column> columns = new LinkedHashMap<>();
        for (String name : query.columns()) columns.putIfAbsent(name, Column.resolve(name, schema));
        List<CompiledQuery.SortKey> sortKeys = new ArrayList<>();
        for (Query.OrderItem item : query.orderBy()) {
            if (sortKeys.stream().anyMatch(key -> key.column().name().equals(item.column()))) {
                throw CoqlException.duplicate("order by", item.column());
            }
            sortKeys.add(new CompiledQuery.SortKey(Column.resolve(item.column(), schema), item.descending()));
        }
        ConditionCompiler.Compiled where = new ConditionCompiler(schema).compile(query.where());
        return new CompiledQuery(query.module(), schema, List.copyOf(columns.values()), where.test(), where.modified(),
                where.id(), plan(sortKeys), sortKeys, limitOf(query), offsetOf(query));
    }

    private static void checkLimits(Query query) {
        int limit = limitOf(query);
        if (limit < 1) throw CoqlException.invalidValue("limit");
        if (limit > MAX_LIMIT) throw CoqlException.limitExceeded("limit exceeded", "limit", MAX_LIMIT);
        if (offsetOf(query) < 0) throw CoqlException.invalidValue("offset");
        if ((long) offsetOf(query) + limit > MAX_REACHABLE) {
            throw CoqlException.limitExceeded("Max records limit exceeded", "offset", MAX_REACHABLE);
        }
        if (query.columns().size() > MAX_COLUMNS) {
            throw CoqlException.limitExceeded("select columns limit exceeded", "select", MAX_COLUMNS);
        }
        if (criteria(query.where()) > MAX_CRITERIA) {
            throw CoqlException.limitExceeded("criteria limit exceeded", "where", MAX_CRITERIA);
        }
        if (maxValues(query.where()) > MAX_IN_VALUES) {
            throw CoqlException.limitExceeded("in values limit exceeded", "in", MAX_IN_VALUES);
        }
        if (query.orderBy().size() > MAX_ORDER_BY) {
            throw CoqlException.limitExceeded("order by limit exceeded", "order by", MAX_ORDER_BY);
        }
    }

    private static int limitOf(Query query) {
        return query.limit() == null ? DEFAULT_LIMIT : query.limit();
    }

    private static int offsetOf(Query query) {
        return query.offset() == null ? 0 : query.offset();
    }

    private static int criteria(Condition condition) {
        return condition instanceof Condition.Junction junction
                ? criteria(junction.left()) + criteria(junction.right()) : 1;
    }

    private static int maxValues(Condition condition) {
        if (condition instanceof Condition.Junction junction) {
            return Math.max(maxValues(junction.left()), maxValues(junction.right()));
        }
        return ((Condition.Comparison) condition).values().size();
    }

    /** Orders the indexes already keep need no sorting: by id (the default), or by (Modified_Time, id). */
    private static CompiledQuery.Plan plan(List<CompiledQuery.SortKey> keys) {
        if (keys.isEmpty()) return CompiledQuery.Plan.ID_ASC;
        boolean descending = keys.get(0).descending();
        if (keys.stream().anyMatch(key -> key.descending() != descending || key.column().attribute() != null)) {
            return CompiledQuery.Plan.SORTED;
        }
        List<String> names = keys.stream().map(key -> key.column().name()).toList();
        if (names.equals(List.of(ConditionCompiler.ID))) {
            return descending ? CompiledQuery.Plan.ID_DESC : CompiledQuery.Plan.ID_ASC;
        }
        if (names.equals(List.of(ConditionCompiler.MODIFIED_TIME))
                || names.equals(List.of(ConditionCompiler.MODIFIED_TIME, ConditionCompiler.ID))) {
            return descending ? CompiledQuery.Plan.MODIFIED_DESC : CompiledQuery.Plan.MODIFIED_ASC;
        }
        return CompiledQuery.Plan.SORTED;
    }
}
