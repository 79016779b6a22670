package dev.crmmirror.zoho;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs when a Zoho call fails, before Camel decides how long to wait: if Zoho sent a Retry-After (it
 * normally does not), that wait replaces the backoff for the next attempt.
 */
@Component("retryAfter")
public class RetryAfter implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (exchange.getException() instanceof ZohoThrottledException t && t.retryAfter().isPresent()) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, t.retryAfter().get().toMillis());
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
