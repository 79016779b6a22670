package dev.crmmirror.zoho;

/**
 * A Zoho call that did not give an answer crm-mirror can use. Messages are written for operators: what
 * failed, for which module, and what to do. They never contain credentials or tokens.
 */
public class ZohoException extends RuntimeException {

    private final String request;

    public ZohoException(String message, String request) {
        super(message);
        this.request = request;
    }

    public ZohoException(String message, String request, Throwable cause) {
        super(message, cause);
        this.request = request;
    }

    /** What was asked (e.g. the COQL query), kept with a dead letter so the call can be replayed. */
    public String request() {
        return request;
    }
}
