package dev.crmmirror.zoho;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Runs before Camel sends a failed Zoho call again (the zoho-api route's onRedelivery). */
@Component("retryCounter")
public class RetryCounter implements Processor {

    private final ZohoCallListener listener;

    public RetryCounter(ObjectProvider<ZohoCallListener> listener) {
        this.listener = listener.getIfAvailable(() -> ZohoCallListener.NONE);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getIn().getBody() instanceof ZohoCall<?> call) {
            listener.retried(call.module());
        }
    }
}
