package dev.crmmirror.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's only handler: routes by path, runs CRM API calls through the pipeline, writes the reply. */
final class ApiGateway implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    private static final String TOKEN_PATH = "/oauth/v2/token";
    private static final Pattern DELETED_PATH = Pattern.compile("/crm/v8/[^/]+/deleted");

    private final Endpoint tokenEndpoint;
    private final CrmPipeline pipeline;
    private final Map<String, Endpoint> crmEndpoints;
    private final Endpoint deletedEndpoint;
    private final Endpoint controlEndpoint;

    /**
     * @param crmEndpoints    CRM API endpoints by exact path
     * @param controlEndpoint the sandbox's own control surface under {@code /__sandbox/}, outside Zoho's API
     */
    ApiGateway(Endpoint tokenEndpoint, CrmPipeline pipeline, Map<String, Endpoint> crmEndpoints, Endpoint deletedEndpoint,
               Endpoint controlEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
        this.pipeline = pipeline;
        this.crmEndpoints = crmEndpoints;
        this.deletedEndpoint = deletedEndpoint;
        this.controlEndpoint = controlEndpoint;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            send(exchange, route(ApiRequest.read(exchange)));
        } catch (IOException clientGone) {
            // routine: a client that timed out on a slow answer, say
            LOG.debug("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), clientGone.toString());
        } catch (RuntimeException e) {
            // never log request contents: they carry tokens and secrets
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        } finally {
            exchange.close();
        }
    }

    private Reply route(ApiRequest request) {
        String path = request.path();
        if (path.equals(TOKEN_PATH)) return tokenEndpoint.answer(request);
        if (path.startsWith(ControlEndpoint.PREFIX)) return controlEndpoint.answer(request);
        Endpoint endpoint = crmEndpoints.get(path);
        if (endpoint == null && DELETED_PATH.matcher(path).matches()) endpoint = deletedEndpoint;
        if (endpoint == null) {
            return Reply.error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        }
        return pipeline.answer(request, endpoint);
    }

    /** A dropped reply sends nothing: closing the exchange before any header closes the connection. */
    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.isDrop()) return;
        if (reply.contentType() != null) exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
