package dev.crmmirror.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmmirror.sandbox.data.ZohoJson;
import java.io.UncheckedIOException;

/** The one JSON mapper of the sandbox, configured where stored records render their values ({@link ZohoJson}). */
final class Json {
    static final ObjectMapper MAPPER = ZohoJson.MAPPER;

    private Json() { }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
