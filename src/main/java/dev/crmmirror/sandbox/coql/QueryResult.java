package dev.crmmirror.sandbox.coql;

import dev.crmmirror.sandbox.data.RecordView;
import java.util.List;

/** One page of a query: the rows, and whether more rows match beyond offset + limit. */
public record QueryResult(List<RecordView> rows, boolean moreRecords) { }
