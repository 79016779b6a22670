package dev.crmmirror.zoho;

/** A failure worth retrying: 5xx, a dropped connection, a timeout, a garbled or non-JSON 200 answer. */
public class ZohoTransientException extends ZohoException {

    public ZohoTransientException(String message, String request) {
        super(message, request);
    }

    public ZohoTransientException(String message, String request, Throwable cause) {
        super(message, request, cause);
    }
}
