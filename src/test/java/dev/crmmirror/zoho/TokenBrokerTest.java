package dev.crmmirror.zoho;

import dev.crmmirror.sandbox.Credentials;
import dev.crmmirror.sandbox.SandboxOptions;
import dev.crmmirror.sandbox.TokenFault;
import dev.crmmirror.sandbox.ZohoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token broker against the sandbox's token endpoint, with a clock the test moves. */
class TokenBrokerTest {

    private ZohoSandbox sandbox;
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void oneTokenIsCachedUntilShortlyBeforeItExpires() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults(), 10);

        String first = broker.accessToken();
        clock.advance(Duration.ofMinutes(54));
        String stillFirst = broker.accessToken();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 55 min: inside the 5-minute margin
        String second = broker.accessToken();

        assertThat(stillFirst).isEqualTo(first);
        assertThat(second).isNotEqualTo(first).startsWith("1000.");
        assertThat(sandbox.stats().tokenRefreshes()).isEqualTo(2);
        assertThat(broker.refreshes()).isEqualTo(2);
    }

    @Test
    void legacyExpiryInMillisecondsWithExpiresInSecIsUnderstood() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults().withLegacyTokenExpiry(true), 10);

        String first = broker.accessToken();
        clock.advance(Duration.ofMinutes(50));

        assertThat(broker.accessToken()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(10));
        assertThat(broker.accessToken()).as("expires_in_sec (3600), not expires_in (3,600,000 ms read as seconds)").isNotEqualTo(first);
    }

    @Test
    void aRejectedTokenIsReplacedOnceEvenWhenSeveralCallersReportIt() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults(), 10);
        String rejected = broker.accessToken();

        broker.invalidate(rejected);
        String fresh = broker.accessToken();
        broker.invalidate(rejected); // a second caller that saw the same 401
        String same = broker.accessToken();

        assertThat(fresh).isNotEqualTo(rejected);
        assertThat(same).isEqualTo(fresh);
        assertThat(sandbox.stats().tokenRefreshes()).isEqualTo(2);
    }

    @Test
    void errorsZohoAnswersWith200AreReportedWithWhatToCheckAndNoSecrets() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults(), 10);
        Credentials credentials = sandbox.credentials();

        sandbox.faults().failNextToken(1, TokenFault.INVALID_CLIENT);
        assertThatThrownBy(broker::accessToken).isInstanceOf(ZohoAuthException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("ZOHO_CLIENT_ID").hasMessageContaining("https://accounts.zoho.eu")
                .message().doesNotContain(credentials.clientSecret()).doesNotContain(credentials.refreshToken());
        sandbox.faults().failNextToken(1, TokenFault.INVALID_CODE);
        assertThatThrownBy(broker::accessToken).isInstanceOf(ZohoAuthException.class)
                .hasMessageContaining("invalid_code").hasMessageContaining("ZOHO_REFRESH_TOKEN").hasMessageContaining("data centre")
                .message().doesNotContain(credentials.refreshToken());
        sandbox.faults().failNextToken(1, TokenFault.INTERNAL_ERROR);
        assertThatThrownBy(broker::accessToken).isInstanceOf(ZohoTransientException.class).hasMessageContaining("HTTP 500");

        assertThat(broker.accessToken()).startsWith("1000.");
    }

    @Test
    void wrongCredentialsAreNamed() throws Exception {
        sandbox = ZohoSandbox.start(SandboxOptions.defaults());
        Credentials real = sandbox.credentials();
        TokenBroker wrongSecret = broker(new Credentials(real.clientId(), "not-the-secret", real.refreshToken()), 10);
        TokenBroker wrongToken = broker(new Credentials(real.clientId(), real.clientSecret(), "1000.revoked.token"), 10);

        assertThatThrownBy(wrongSecret::accessToken).hasMessageContaining("invalid_client_secret").hasMessageContaining("ZOHO_CLIENT_SECRET")
                .message().doesNotContain("not-the-secret");
        assertThatThrownBy(wrongToken::accessToken).hasMessageContaining("invalid_code").message().doesNotContain("1000.revoked.token");
    }

    @Test
    void whenZohoThrottlesRefreshesTheBrokerWaitsInsteadOfHammering() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults(), 10);
        sandbox.faults().failNextToken(1, TokenFault.ACCESS_DENIED);

        assertThatThrownBy(broker::accessToken).isInstanceOf(ZohoAuthException.class)
                .hasMessageContaining("throttling").hasMessageContaining("no refresh attempt before");
        long requests = sandbox.stats().tokenRefreshes();
        assertThatThrownBy(broker::accessToken).hasMessageContaining("no refresh attempt before");
        clock.advance(Duration.ofMinutes(9));
        assertThatThrownBy(broker::accessToken).hasMessageContaining("no refresh attempt before");
        assertThat(sandbox.stats().tokenRefreshes()).as("no request while blocked").isEqualTo(requests);

        clock.advance(Duration.ofMinutes(2));
        assertThat(broker.accessToken()).startsWith("1000.");
    }

    @Test
    void theBrokerStopsItselfBeforeZohosRefreshLimit() throws Exception {
        TokenBroker broker = broker(SandboxOptions.defaults(), 3);
        for (int i = 0; i < 3; i++) {
            broker.invalidate(broker.accessToken());
        }

        assertThatThrownBy(broker::accessToken).isInstanceOf(ZohoAuthException.class)
                .hasMessageContaining("refreshed the Zoho access token 3 times").hasMessageContaining("ZOHO_API_URL");
        assertThat(sandbox.stats().tokenRefreshes()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(broker.accessToken()).startsWith("1000.");
    }

    private TokenBroker broker(SandboxOptions options, int maxRefreshes) throws Exception {
        sandbox = ZohoSandbox.start(options);
        return broker(sandbox.credentials(), maxRefreshes);
    }

    private TokenBroker broker(Credentials credentials, int maxRefreshes) {
        // the accounts URL names the EU data centre only in messages; requests go to the sandbox
        ZohoProperties props = new ZohoProperties(URI.create(sandbox.baseUrl()), URI.create(sandbox.baseUrl()), credentials.clientId(),
                credentials.clientSecret(), credentials.refreshToken(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5),
                maxRefreshes, Duration.ofMinutes(10));
        sandbox.clock().set(clock.instant());
        return new TokenBroker(new ZohoConfiguration().zohoHttpClient(props), props, clock);
    }

    /** Moves the broker's clock and the sandbox's together. */
    private final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
            sandbox.clock().set(now);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
