package dev.crmmirror.zoho;

/** Told about Zoho calls that did not go through at once: the metrics listen here. */
public interface ZohoCallListener {

    ZohoCallListener NONE = new ZohoCallListener() {
        @Override
        public void throttled(String module) {
        }

        @Override
        public void retried(String module) {
        }
    };

    /** Zoho answered 429 TOO_MANY_REQUESTS. */
    void throttled(String module);

    /** A failed call is being sent again. */
    void retried(String module);
}
