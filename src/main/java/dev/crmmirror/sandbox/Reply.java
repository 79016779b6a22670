package dev.crmmirror.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer to send, or the instruction to drop the connection without one. */
record Reply(int status, String contentType, byte[] body) {
    static final String JSON = "application/json;charset=UTF-8";
    private static final int DROP = -1;

    static Reply json(int status, Object body) {
        return new Reply(status, JSON, Json.bytes(body));
    }

    /** Zoho's error body: {"code":..,"details":{..},"message":..,"status":"error"}. */
    static Reply error(int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("details", details);
        body.put("message", message);
        body.put("status", "error");
        return json(status, body);
    }

    static Reply error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** Zoho answers "nothing found" with 204 and no body. */
    static Reply noContent() {
        return new Reply(204, null, new byte[0]);
    }

    static Reply html(int status, String html) {
        return new Reply(status, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static Reply drop() {
        return new Reply(DROP, null, new byte[0]);
    }

    boolean isDrop() {
        return status == DROP;
    }
}
