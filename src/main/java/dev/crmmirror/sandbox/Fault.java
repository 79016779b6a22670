package dev.crmmirror.sandbox;

/** Ways a CRM API request can go wrong, as a sync meets them in production. */
public enum Fault {
    /** 429 TOO_MANY_REQUESTS, no Retry-After. */
    TOO_MANY_REQUESTS,
    /** 500 INTERNAL_ERROR JSON body. */
    INTERNAL_ERROR,
    /** 503 with an HTML body from the load balancer. */
    SERVICE_UNAVAILABLE,
    /** The connection closes before any response byte. */
    DROP_CONNECTION,
    /** 200 text/html maintenance page. */
    HTML_200,
    /** 200 application/json whose body is the real answer cut in the middle. */
    TRUNCATED_JSON,
    /** 401 INVALID_TOKEN although the token is valid. */
    INVALID_TOKEN,
    /** The correct answer, 30 s late. */
    SLOW_RESPONSE
}
