package dev.crmmirror.zoho;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Sends Zoho calls through the {@code zoho-api} route, which adds Camel's redelivery (backoff with jitter on
 * 429, 5xx, timeouts) and the rate budget, and makes every call visible per route in JMX and metrics.
 */
@Primary
@Component("zohoApi")
public class CamelZohoApi implements ZohoApi {

    static final String ENDPOINT = "direct:zoho-api";

    private final ProducerTemplate producer;

    public CamelZohoApi(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T execute(ZohoCall<T> call) {
        try {
            return (T) producer.requestBody(ENDPOINT, call);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
