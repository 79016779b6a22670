package dev.crmmirror.sandbox.coql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternTest {
    @Test
    void percentMatchesAnyRunAndEverythingElseIsLiteral() {
        assertThat(LikePattern.of("%Ltd").matches("Acme Ltd")).isTrue();
        assertThat(LikePattern.of("%Ltd").matches("Ltd. Acme")).isFalse();
        assertThat(LikePattern.of("Zyl%").matches("Zylker")).isTrue();
        assertThat(LikePattern.of("%ü%").matches("Müller")).isTrue();
        assertThat(LikePattern.of("a%b%c").matches("abc")).isTrue();
        assertThat(LikePattern.of("a%b%c").matches("ac")).isFalse();
        assertThat(LikePattern.of("ab%ba").matches("aba")).isFalse();
        assertThat(LikePattern.of("100_%").matches("100_000")).isTrue();
        assertThat(LikePattern.of("100_%").matches("1000")).isFalse();
        assertThat(LikePattern.of("exact").matches("exact")).isTrue();
    }
}
