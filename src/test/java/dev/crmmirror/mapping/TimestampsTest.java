package dev.crmmirror.mapping;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written reading agrees with java.time on every date-time it accepts, and refuses what java.time refuses. */
class TimestampsTest {

    @Test
    void agreesWithJavaTimeOnRandomDateTimesOffsetsAndFractions() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            LocalDateTime local = LocalDateTime.of(1 + random.nextInt(9_999), 1 + random.nextInt(12), 1, 0, 0)
                    .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400));
            if (local.getYear() > 9_999) {
                continue;
            }
            ZoneOffset offset = random.nextInt(4) == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds((random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 900);
            String text = OffsetDateTime.of(local, offset).withNano(random.nextBoolean() ? 0 : random.nextInt(1_000_000_000)).toString();
            assertThat(Timestamps.utc(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void leapDaysAndMonthEnds() {
        assertThat(Timestamps.utc("2024-02-29T23:59:59+05:30")).isEqualTo(Instant.parse("2024-02-29T18:29:59Z"));
        assertThat(Timestamps.utc("2000-02-29T00:00:00-01:00")).isEqualTo(Instant.parse("2000-02-29T01:00:00Z"));
        assertThat(Timestamps.utc("1969-12-31T23:59:59.5Z")).isEqualTo(Instant.parse("1969-12-31T23:59:59.500Z"));
        assertThat(Timestamps.utc("2023-12-31T22:00:00-02:00")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(Timestamps.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Timestamps.date("1600-02-29")).isEqualTo(LocalDate.of(1600, 2, 29));
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String bad : new String[] {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
                "2024-00-10T00:00:00Z", "2024-06-00T00:00:00Z", "2024-06-05T24:00:00Z", "2024-06-05T23:60:00Z", "2024-06-05T23:59:60Z",
                "2024-06-05T02:04:09+18:30", "2024-06-05T02:04:09+05:60", "2024-06-05T02:04:09",
                "2024-06-05 02:04:09Z", "yesterday"}) {
            assertThatThrownBy(() -> Timestamps.utc(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
        for (String bad : new String[] {"2023-02-29", "2100-02-29", "2024-06-31", "2024-6-5", "2024-06-05T00:00:00Z"}) {
            assertThatThrownBy(() -> Timestamps.date(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void monthLengthAndEpochDayMatchJavaTimeForEveryDayOfFourCenturies() {
        for (LocalDate d = LocalDate.of(1600, 1, 1); d.getYear() < 2400; d = d.plusDays(1)) {
            assertThat(Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
            if (d.getDayOfMonth() == 1) {
                assertThat(Timestamps.monthLength(d.getYear(), d.getMonthValue())).as(d.toString()).isEqualTo(d.lengthOfMonth());
            }
        }
    }
}
