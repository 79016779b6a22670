package dev.crmmirror.mapping;

import dev.crmmirror.zoho.Cursor;

import java.util.List;

/**
 * One COQL page after mapping, records in the order Zoho sent them (mapped as they are first read: {@link RecordMapper#map}).
 *
 * @param end where paging continues after this page; the checkpoint once the whole page is written
 */
public record MappedPage(ModuleMapping mapping, int number, List<MappedRecord> records, Cursor end) {
}
