package dev.crmmirror.zoho;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ZohoConfiguration {

    /**
     * One connection pool for the token endpoint and the API. The read timeout bounds every wait for bytes, the
     * answer's headers and its body alike. No automatic retries: each attempt costs Zoho credits, so retrying is the
     * zoho-api route's decision, where it is counted.
     */
    @Bean
    CloseableHttpClient zohoHttpClient(ZohoProperties props) {
        Timeout connect = Timeout.of(props.connectTimeout());
        Timeout read = Timeout.of(props.readTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                                // a pooled connection the server closed while idle is checked, not sent a call that fails
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        // above the API's concurrency limit (10-25 calls by edition), so the pool never queues a call
                        .setMaxConnPerRoute(32)
                        .setMaxConnTotal(64)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
