package dev.crmmirror.zoho;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One record of a page, as the bytes Zoho sent: a view on the page's body, so holding it costs nothing. The
 * mapper reads it with a streaming parser; the JSON text or a tree is made only when one is needed (a record
 * bound for the quarantine, a dead letter).
 */
public record RawRecord(byte[] body, int start, int end) {

    public JsonParser parser() throws IOException {
        return CoqlPage.JSON.createParser(body, start, end - start);
    }

    public String json() {
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    public JsonNode tree() {
        try (JsonParser p = parser()) {
            return CoqlPage.JSON.readTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException("a record of the page is not valid JSON", e);
        }
    }
}
