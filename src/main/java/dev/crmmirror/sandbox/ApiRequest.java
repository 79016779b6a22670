package dev.crmmirror.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A request as the endpoints see it, read fully off the exchange. */
record ApiRequest(String method, String path, Map<String, String> query, Headers headers, byte[] body) {

    static ApiRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                urlEncoded(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /** Query parameters, overridden by those of an application/x-www-form-urlencoded body. */
    Map<String, String> queryAndForm() {
        Map<String, String> params = new LinkedHashMap<>(query);
        String contentType = header("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            params.putAll(urlEncoded(new String(body, StandardCharsets.UTF_8)));
        }
        return params;
    }

    private static Map<String, String> urlEncoded(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return params;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
