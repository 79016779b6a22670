package dev.crmmirror.zoho;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One page of Zoho's deleted-records list. */
public record DeletedPage(String module, int number, List<Deletion> deletions, boolean more) {

    public record Deletion(String id, Instant deletedTime) {
    }

    /** A null body is Zoho's 204: nothing deleted in the window. Entries without an id or time are skipped. */
    static DeletedPage read(byte[] body, String module, int number) throws IOException {
        if (body == null) {
            return new DeletedPage(module, number, List.of(), false);
        }
        JsonNode root = CoqlPage.JSON.readTree(body);
        List<Deletion> deletions = new ArrayList<>();
        for (JsonNode d : root.path("data")) {
            String id = d.path("id").asText("");
            try {
                if (!id.isEmpty()) {
                    deletions.add(new Deletion(id, OffsetDateTime.parse(d.path("deleted_time").asText("")).toInstant()));
                }
            } catch (DateTimeParseException e) {
                // without a deletion time the entry cannot be ordered against edits; the next run sees it again
            }
        }
        return new DeletedPage(module, number, deletions, root.path("info").path("more_records").asBoolean(false));
    }
}
