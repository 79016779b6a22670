package dev.crmmirror.sandbox;

/** Ways a token refresh can go wrong. */
public enum TokenFault {
    /** 200 {"error":"invalid_code"}. */
    INVALID_CODE,
    /** 200 {"error":"invalid_client"}. */
    INVALID_CLIENT,
    /** The "too many requests continuously" throttle answer. */
    ACCESS_DENIED,
    /** HTTP 500. */
    INTERNAL_ERROR,
    /** The connection closes before any response byte. */
    DROP_CONNECTION
}
