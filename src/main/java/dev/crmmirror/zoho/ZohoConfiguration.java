package dev.crmmirror.zoho;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ZohoConfiguration {

    /** One connection pool for the token endpoint and the API; every request also sets its own read timeout. */
    @Bean
    HttpClient zohoHttpClient(ZohoProperties props) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(props.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
