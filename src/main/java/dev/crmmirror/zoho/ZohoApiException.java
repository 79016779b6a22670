package dev.crmmirror.zoho;

/** Zoho refused the request itself (a 4xx other than 429): retrying the same request cannot help. */
public class ZohoApiException extends ZohoException {

    private final int status;
    private final String code;

    public ZohoApiException(String message, String request, int status, String code) {
        super(message, request);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** Zoho's error code, e.g. {@code SYNTAX_ERROR}, {@code INVALID_MODULE}, {@code OAUTH_SCOPE_MISMATCH}. */
    public String code() {
        return code;
    }
}
