package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.ModuleSchema;
import dev.crmmirror.sandbox.data.RecordView;
import dev.crmmirror.sandbox.data.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Checks a WHERE tree against a module and turns it into a record test plus index bounds. */
final class ConditionCompiler {
    static final String MODIFIED_TIME = "Modified_Time";
    static final String ID = "id";

    private static final Set<Operator> TEXT_OPERATORS = EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.LIKE,
            Operator.NOT_LIKE, Operator.IN, Operator.NOT_IN, Operator.IS_NULL, Operator.IS_NOT_NULL);
    private static final Set<Operator> ORDERED_OPERATORS = EnumSet.complementOf(
            EnumSet.of(Operator.LIKE, Operator.NOT_LIKE));
    private static final Set<Operator> LOOKUP_OPERATORS = EnumSet.of(Operator.EQUAL, Operator.NOT_EQUAL, Operator.IN,
            Operator.NOT_IN, Operator.IS_NULL, Operator.IS_NOT_NULL);
    private static final Comparator<Long> EPOCH_ORDER = Comparator.naturalOrder();
    private static final Comparator<BigInteger> ID_ORDER = Comparator.naturalOrder();

    /** The compiled form of a (sub)condition. */
    record Compiled(Predicate<RecordView> test, Bounds<Long> modified, Bounds<BigInteger> id) { }

    private final ModuleSchema schema;

    ConditionCompiler(ModuleSchema schema) {
        this.schema = schema;
    }

    Compiled compile(Condition condition) {
        if (condition instanceof Condition.Junction junction) {
            Compiled left = compile(junction.left());
            Compiled right = compile(junction.right());
            return junction.and()
                    ? new Compiled(left.test().and(right.test()), left.modified().intersect(right.modified(), EPOCH_ORDER),
                            left.id().intersect(right.id(), ID_ORDER))
                    : new Compiled(left.test().or(right.test()), left.modified().hull(right.modified(), EPOCH_ORDER),
                            left.id().hull(right.id(), ID_ORDER));
        }
        return comparison((Condition.Comparison) condition);
    }

    private Compiled comparison(Condition.Comparison comparison) {
        Column column = Column.resolve(comparison.column(), schema);
        Operator operator = comparison.operator();
        if (column.kind() == ValueKind.UNSUPPORTED) {
            throw CoqlException.unsupportedType(column.name(), column.field().type().apiName());
        }
        if (!allowed(column.kind()).contains(operator)) throw CoqlException.invalidOperator(column.name(), operator.text());
        @SuppressWarnings("rawtypes")
        List<Comparable> keys = new ArrayList<>();
        for (Token literal : comparison.values()) keys.add(ValueKeys.ofLiteral(column, literal));
        Predicate<RecordView> test = test(column, operator, keys);
        boolean plainField = column.attribute() == null;
        Bounds<Long> modified = plainField && column.name().equals(MODIFIED_TIME)
                ? bounds(operator, keys.stream().map(key -> (Long) key).toList(), t -> t + 1, t -> t - 1, EPOCH_ORDER)
                : Bounds.all();
        Bounds<BigInteger> id = plainField && column.name().equals(ID) && integral(keys)
                ? bounds(operator, keys.stream().map(key -> ((BigDecimal) key).toBigIntegerExact()).toList(),
                        i -> i.add(BigInteger.ONE), i -> i.subtract(BigInteger.ONE), ID_ORDER)
                : Bounds.all();
        return new Compiled(test, modified, id);
    }

    private static Set<Operator> allowed(ValueKind kind) {
        return switch (kind) {
            case TEXT, MULTISELECT -> TEXT_OPERATORS;
            case NUMBER, DATE, DATETIME -> ORDERED_OPERATORS;
            case LOOKUP -> LOOKUP_OPERATORS;
            case BOOLEAN -> EnumSet.of(Operator.EQUAL);
            case UNSUPPORTED -> EnumSet.noneOf(Operator.class);
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Predicate<RecordView> test(Column column, Operator operator, List<Comparable> keys) {
        if (operator == Operator.IS_NULL) return record -> ValueKeys.isEmpty(column.value(record));
        if (operator == Operator.IS_NOT_NULL) return record -> !ValueKeys.isEmpty(column.value(record));
        ValueKind kind = column.kind();
        Predicate<Comparable> holds = switch (operator) {
            case EQUAL -> value -> value.compareTo(keys.get(0)) == 0;
            case NOT_EQUAL -> value -> value.compareTo(keys.get(0)) != 0;
            case LESS -> value -> value.compareTo(keys.get(0)) < 0;
            case LESS_EQUAL -> value -> value.compareTo(keys.get(0)) <= 0;
            case GREATER -> value -> value.compareTo(keys.get(0)) > 0;
            case GREATER_EQUAL -> value -> value.compareTo(keys.get(0)) >= 0;
            case BETWEEN -> value -> value.compareTo(keys.get(0)) >= 0 && value.compareTo(keys.get(1)) <= 0;
            case NOT_BETWEEN -> value -> value.compareTo(keys.get(0)) < 0 || value.compareTo(keys.get(1)) > 0;
            case IN -> value -> keys.stream().anyMatch(key -> value.compareTo(key) == 0);
            case NOT_IN -> value -> keys.stream().noneMatch(key -> value.compareTo(key) == 0);
            case LIKE -> like(keys.get(0));
            case NOT_LIKE -> like(keys.get(0)).negate();
            case IS_NULL, IS_NOT_NULL -> throw new IllegalStateException("handled above");
        };
        // SQL semantics: an empty or unreadable value satisfies no comparison, negated ones included
        return record -> {
            Comparable value = ValueKeys.ofValue(kind, column.value(record));
            return value != null && holds.test(value);
        };
    }

    @SuppressWarnings("rawtypes")
    private static Predicate<Comparable> like(Comparable pattern) {
        LikePattern like = LikePattern.of((String) pattern);
        return value -> like.matches((String) value);
    }

    @SuppressWarnings("rawtypes")
    private static boolean integral(List<Comparable> keys) {
        return keys.stream().allMatch(key -> ((BigDecimal) key).stripTrailingZeros().scale() <= 0);
    }

    /** Where an index scan must look for records satisfying one comparison on integral keys. */
    private static <T> Bounds<T> bounds(Operator operator, List<T> values, UnaryOperator<T> next,
                                        UnaryOperator<T> previous, Comparator<T> order) {
        return switch (operator) {
            case EQUAL -> new Bounds<>(values.get(0), values.get(0));
            case GREATER -> new Bounds<>(next.apply(values.get(0)), null);
            case GREATER_EQUAL -> new Bounds<>(values.get(0), null);
            case LESS -> new Bounds<>(null, previous.apply(values.get(0)));
            case LESS_EQUAL -> new Bounds<>(null, values.get(0));
            case BETWEEN -> new Bounds<>(values.get(0), values.get(1));
            case IN -> new Bounds<>(values.stream().min(order).orElseThrow(), values.stream().max(order).orElseThrow());
            default -> Bounds.all();
        };
    }
}
