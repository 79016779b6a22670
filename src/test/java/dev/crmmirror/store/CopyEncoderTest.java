package dev.crmmirror.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates and timestamps in COPY text: what java.time would write, for every calendar case. */
class CopyEncoderTest {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    @Test
    void timestampsMatchJavaTimeAcrossTheYears1000To9999() throws IOException {
        Random random = new Random(7);
        long from = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
        long until = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (until - from)), random.nextBoolean() ? 0 : random.nextInt(1_000_000) * 1000);
            assertThat(encoded(t)).as(t.toString()).isEqualTo(expected(t));
        }
    }

    @Test
    void calendarEdges() throws IOException {
        for (String t : new String[] {"1000-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z", "2000-02-29T12:00:00Z",
                "2024-02-29T23:59:59Z", "2024-03-01T00:00:00Z", "2100-02-28T00:00:00.000001Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            assertThat(encoded(Instant.parse(t))).as(t).isEqualTo(expected(Instant.parse(t)));
        }
        assertThat(encoded(Instant.parse("0999-12-31T23:59:59Z"))).isEqualTo("0999-12-31T23:59:59Z"); // ISO, which PostgreSQL reads too
        assertThat(encoded(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        assertThat(encoded(LocalDate.of(1, 1, 1))).isEqualTo("0001-01-01");
    }

    private static String expected(Instant t) {
        int micros = t.getNano() / 1000;
        return SECONDS.format(t.atOffset(ZoneOffset.UTC)) + (micros == 0 ? "" : String.format(".%06d", micros)) + "+00";
    }

    private static String encoded(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyEncoder encoder = new CopyEncoder(out);
        encoder.row(new Object[] {value});
        encoder.flush();
        String row = out.toString(StandardCharsets.UTF_8);
        return row.substring(0, row.length() - 1);
    }
}
