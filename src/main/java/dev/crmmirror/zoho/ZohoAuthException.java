package dev.crmmirror.zoho;

/**
 * The OAuth credentials do not work (wrong client, secret or refresh token, wrong data centre, or the token
 * endpoint is throttling us). Retrying would only count against Zoho's refresh limit.
 */
public class ZohoAuthException extends ZohoException {

    public ZohoAuthException(String message) {
        super(message, "POST /oauth/v2/token (refresh_token grant)");
    }
}
