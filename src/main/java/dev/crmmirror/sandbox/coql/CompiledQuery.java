package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.ModuleSchema;
import dev.crmmirror.sandbox.data.RecordView;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Predicate;

/**
 * A query checked against a module and ready to run.
 *
 * @param plan     which index order answers the ORDER BY, or SORTED when none does
 * @param sortKeys the ORDER BY columns, used by the SORTED plan
 */
public record CompiledQuery(String module, ModuleSchema schema, List<Column> columns, Predicate<RecordView> filter,
                            Bounds<Long> modifiedBounds, Bounds<BigInteger> idBounds, Plan plan,
                            List<SortKey> sortKeys, int limit, int offset) {

    public enum Plan { ID_ASC, ID_DESC, MODIFIED_ASC, MODIFIED_DESC, SORTED }

    public record SortKey(Column column, boolean descending) { }
}
