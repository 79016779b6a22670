package dev.crmmirror.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /oauth/v2/token}. Like Zoho's accounts server it reports every refusal as HTTP 200
 * with an "error" field (zoho-api.md §1.3); only the throttle may be configured to use 400.
 */
final class TokenEndpoint implements Endpoint {
    private static final String THROTTLE_MESSAGE =
            "You have made too many requests continuously. Please try again after some time.";

    private final TokenAuthority authority;
    private final SandboxOptions options;
    private final Faults faults;
    private final SandboxStats stats;
    private final String apiDomain;

    TokenEndpoint(TokenAuthority authority, SandboxOptions options, Faults faults, SandboxStats stats, String apiDomain) {
        this.authority = authority;
        this.options = options;
        this.faults = faults;
        this.stats = stats;
        this.apiDomain = apiDomain;
    }

    @Override
    public Reply answer(ApiRequest request) {
        stats.countTokenRequest();
        TokenFault fault = faults.nextTokenFault();
        if (fault != null) return faulted(fault);
        if (!request.method().equals("POST")) return refused("invalid_request");
        Map<String, String> params = request.queryAndForm();
        TokenAuthority.Outcome outcome = authority.refresh(params.get("grant_type"), params.get("client_id"),
                params.get("client_secret"), params.get("refresh_token"));
        if (outcome instanceof TokenAuthority.Outcome.Issued issued) return issued(issued.accessToken());
        if (outcome instanceof TokenAuthority.Outcome.Refused refused) return refused(refused.error());
        return throttled();
    }

    private Reply issued(String accessToken) {
        long seconds = options.tokenTtl().toSeconds();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("scope", "ZohoCRM.modules.ALL ZohoCRM.coql.READ");
        body.put("api_domain", apiDomain);
        body.put("token_type", "Bearer");
        if (options.legacyTokenExpiry()) {
            body.put("expires_in", seconds * 1000);
            body.put("expires_in_sec", seconds);
        } else {
            body.put("expires_in", seconds);
        }
        return Reply.json(200, body);
    }

    private static Reply refused(String error) {
        return Reply.json(200, Map.of("error", error));
    }

    private Reply throttled() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_description", THROTTLE_MESSAGE);
        body.put("error", "Access Denied");
        body.put("status", "failure");
        return Reply.json(options.tokenThrottleAs400() ? 400 : 200, body);
    }

    private Reply faulted(TokenFault fault) {
        return switch (fault) {
            case INVALID_CODE -> refused("invalid_code");
            case INVALID_CLIENT -> refused("invalid_client");
            case ACCESS_DENIED -> throttled();
            case INTERNAL_ERROR -> Reply.html(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
            case DROP_CONNECTION -> Reply.drop();
        };
    }
}
