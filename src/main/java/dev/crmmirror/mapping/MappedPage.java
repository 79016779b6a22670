package dev.crmmirror.mapping;

import dev.crmmirror.zoho.Cursor;

import java.util.List;

/**
 * One COQL page after mapping, records in the order Zoho sent them.
 *
 * @param end where paging continues after this page; the checkpoint once the whole page is written
 */
public record MappedPage(ModuleMapping mapping, int number, List<MappedRecord> records, Cursor end) {

    public long rows() {
        return records.stream().filter(r -> r instanceof MappedRecord.Row).count();
    }
}
