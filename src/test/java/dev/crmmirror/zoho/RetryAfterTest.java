package dev.crmmirror.zoho;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aRetryAfterFromZohoReplacesTheBackoffOfTheNextAttempt() {
        exchange.setException(new ZohoThrottledException("429", "q", Duration.ofSeconds(7)));

        new RetryAfter().process(exchange);

        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(7000L);
    }

    @Test
    void withoutOneTheBackoffPolicyDecides() {
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, 7000L);
        exchange.setException(new ZohoThrottledException("429", "q", null));

        new RetryAfter().process(exchange);

        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
    }
}
