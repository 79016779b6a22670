package dev.crmmirror.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ZohoTimeTest {
    @Test
    void formatsInZohosShapeWithExplicitZeroOffset() {
        long epoch = OffsetDateTime.parse("2024-06-05T09:04:09Z").toEpochSecond();

        assertThat(ZohoTime.format(epoch, ZoneOffset.UTC)).isEqualTo("2024-06-05T09:04:09+00:00");
        assertThat(ZohoTime.format(epoch, ZoneOffset.ofHours(-7))).isEqualTo("2024-06-05T02:04:09-07:00");
        assertThat(ZohoTime.format(epoch, ZoneOffset.ofHoursMinutes(-3, -30))).isEqualTo("2024-06-05T05:34:09-03:30");
        assertThat(ZohoTime.format(epoch, ZoneOffset.ofHoursMinutes(5, 45))).isEqualTo("2024-06-05T14:49:09+05:45");
    }

    @Test
    void strictParsingAcceptsOnlyZohosShape() {
        long epoch = OffsetDateTime.parse("2024-06-05T09:04:09Z").toEpochSecond();

        assertThat(ZohoTime.parseStrict("2024-06-05T14:34:09+05:30")).isEqualTo(epoch);
        assertThat(ZohoTime.parseStrict("2024-06-05T05:34:09-03:30")).isEqualTo(epoch);
        for (String other : new String[] {"2024-06-05T09:04:09Z", "2024-06-05T09:04:09.000+00:00", "2024-06-05 09:04:09+00:00",
                "2024-13-05T09:04:09+00:00", "2024-06-05T09:04:0x+00:00"}) {
            assertThatThrownBy(() -> ZohoTime.parseStrict(other)).as(other).isInstanceOf(DateTimeException.class);
        }
        assertThat(ZohoTime.parseLenient("2024-06-05T09:04:09.750Z")).isEqualTo(epoch);
    }
}
