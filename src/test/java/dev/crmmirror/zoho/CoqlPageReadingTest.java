package dev.crmmirror.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** How a COQL answer's bytes become records, a "more" flag and a cursor, and which answers are refused as cut short or garbled. */
class CoqlPageReadingTest {

    private static final String FIRST = """
            {"id":"101","Last_Name":"O'Brien \\"the {brace}\\" ]","Owner":{"id":"9","name":"Zoë 東京"},"Tags":[{"name":"a"},[1,2.5e3,-3]],\
            "Note":"back\\\\slash \\u00e9 \\ud83d\\ude00","Modified_Time":"2024-06-05T02:04:09+05:30","$approved":true,"Empty":{}}""";
    private static final String SECOND = """
            {
              "id" : 102 , "Modified_Time" : "2024-06-05T00:00:00Z", "Amount": null, "Flag": false
            }""";

    @Test
    void eachRecordIsTheExactTextZohoSentAndTheCursorIsTheLastRecordsPosition() throws IOException {
        CoqlPage page = read("""
                {"info":{"count":2,"more_records":true,"nested":{"x":[1]}},"data":[ %s ,
                %s ]}
                """.formatted(FIRST, SECOND));

        assertThat(page.size()).isEqualTo(2);
        assertThat(page.record(0).json()).isEqualTo(FIRST);
        assertThat(page.record(1).json()).isEqualTo(SECOND);
        assertThat(page.record(0).tree().path("Owner").path("name").asText()).isEqualTo("Zoë 東京");
        assertThat(page.more()).isTrue();
        assertThat(page.end()).isEqualTo(new Cursor(Instant.parse("2024-06-05T00:00:00Z"), "102"));
    }

    @Test
    void theCursorComesFromTheLastRecordThatHasBothAnIdAndAModifiedTime() throws IOException {
        CoqlPage page = read("""
                {"data":[%s,{"id":"103","Last_Name":"no time"},{"id":"x1","Modified_Time":"2024-06-06T00:00:00Z"},
                {"id":"104" "Modified_Time":"2024-06-07T00:00:00Z"},"a text",42,null],"info":{"more_records":false}}
                """.formatted(FIRST));

        // kept, every one: the mapper quarantines what is not a proper record (here a malformed one and three non-objects)
        assertThat(page.size()).isEqualTo(7);
        assertThat(page.record(3).json()).isEqualTo("{\"id\":\"104\" \"Modified_Time\":\"2024-06-07T00:00:00Z\"}");
        assertThat(page.record(4).json()).isEqualTo("\"a text\"");
        assertThat(page.record(6).json()).isEqualTo("null");
        assertThat(page.more()).isFalse();
        assertThat(page.end()).isEqualTo(new Cursor(Instant.parse("2024-06-04T20:34:09Z"), "101"));
    }

    @Test
    void noRecordsIsAnEmptyPage() throws IOException {
        CoqlPage empty = read("{\"data\":[],\"info\":{\"more_records\":false,\"count\":0}}");
        CoqlPage noContent = CoqlPage.read(null, "Leads", 1); // HTTP 204

        for (CoqlPage page : List.of(empty, noContent)) {
            assertThat(page.size()).isZero();
            assertThat(page.more()).isFalse();
            assertThat(page.end()).isNull();
        }
    }

    @Test
    void everyCutShortAnswerIsRefused() {
        String whole = "{\"data\":[" + FIRST + ",\n" + SECOND + "],\"info\":{\"more_records\":true}}\n";
        byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
        int complete = bytes.length - 1; // without the trailing newline the answer is whole

        assertThat(IntStream.range(0, complete).filter(cut -> !refused(bytes, cut)))
                .as("lengths of a cut-short answer that were read as a page").isEmpty();
    }

    @Test
    void quotesEscapesAndControlCharactersAreFoundWhereverTheyFallInAString() throws IOException {
        // strings are passed over eight bytes at a time: try every alignment and position around those blocks
        for (int shift = 0; shift < 8; shift++) {
            for (int at = 0; at < 20; at++) {
                for (String special : List.of("\\\"", "\\\\", "\\u00e9", "\\n", "ü", "東", "}", "'")) {
                    String text = "a".repeat(at) + special + "ö".repeat(at % 5) + "z".repeat(9);
                    String record = "{\"" + "k".repeat(shift) + "\":\"" + text + "\",\"id\":\"1\",\"Modified_Time\":\"2024-06-05T00:00:00Z\"}";
                    CoqlPage page = read("{\"data\":[" + record + "," + record + "],\"info\":{\"more_records\":false}}");
                    assertThat(page.size()).as(record).isEqualTo(2);
                    assertThat(page.record(1).json()).as(record).isEqualTo(record);
                }
                for (char control : new char[]{0, '\n', '\t', 0x1f}) {
                    String text = "a".repeat(at) + control + "z".repeat(9);
                    String body = "{\"data\":[{\"" + "k".repeat(shift) + "\":\"" + text + "\"}]}";
                    assertThatThrownBy(() -> read(body)).as("%d, %d, %d", shift, at, (int) control)
                            .isInstanceOf(JsonProcessingException.class).hasMessageContaining("a control character inside a string");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "",
            "[]",
            "{\"data\":[{\"id\":\"1\"}]]}",
            "{\"data\":[{\"id\":\"1\"]}",
            "{\"data\":[{\"id\":\"1\"}}",
            "{\"data\":[{\"id\":\"1\"} {\"id\":\"2\"}]}",
            "{\"data\":[{\"id\":\"1\"}]}garbage",
            "{\"data\":[{\"id\":\"1\"}],}",
            "{\"data\" [{\"id\":\"1\"}]}",
            "{data:[{\"id\":\"1\"}]}",
            "{\"data\":[{\"id\":\"\\x\"}]}",
            "{\"data\":[{\"id\":\"\\u12\"}]}",
            "{\"data\":[{\"id\":\"line\nbreak\"}]}",
            "{\"data\":[,]}",
    })
    void aGarbledAnswerIsRefusedForTheClientToRetry(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(JsonProcessingException.class);
    }

    private static boolean refused(byte[] bytes, int cut) {
        try {
            CoqlPage.read(Arrays.copyOf(bytes, cut), "Leads", 1);
            return false;
        } catch (JsonProcessingException e) {
            return true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CoqlPage read(String body) throws IOException {
        return CoqlPage.read(body.getBytes(StandardCharsets.UTF_8), "Leads", 1);
    }
}
