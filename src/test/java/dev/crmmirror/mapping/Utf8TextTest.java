package dev.crmmirror.mapping;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which JSON strings are stored as the bytes Zoho sent, and that those are exactly what decoding would store. */
class Utf8TextTest {

    @Test
    void plainStringsAreKeptAsTheirBytes() {
        for (String s : new String[] {"Boyle", "", "O'Neil & Söhne", "Østergaard", "伟", "Chief Happiness Officer 😀", "😀 first",
                "a\u00a0b\u00a0", "€"}) {
            Utf8Text text = plain(s, 255);
            assertThat(text).as(s).isNotNull();
            assertThat(text.toString()).isEqualTo(s.strip()).isEqualTo(s);
        }
    }

    @Test
    void whatMustBeDecodedOrCheckedIsLeftToTheMapper() {
        for (String json : new String[] {
                "\"line\\nbreak\"", "\"quote \\\" inside\"", "\"\\u0000\"", "\"\\ud83d\"", // escapes
                "\" leading\"", "\"trailing \"", "\"\\tx\"",                          // ASCII white space at an end
                "\"\u3000ideographic space first\"", "\"em space last\u2003\"", "\"\u1680\"", // Unicode white space at an end
                "\"한국어\"",                                                            // 0xED: Hangul, or an encoded surrogate
        }) {
            assertThat(Utf8Text.plain(bytes(json), 0, 255)).as(json).isNull();
        }
    }

    @Test
    void keptExactlyWhenStripWouldChangeNothing() {
        for (int c = 1; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c) || c == '"' || c == '\\' || c < 0x20) {
                continue;
            }
            for (String s : new String[] {Character.toString(c) + "x", "x" + Character.toString(c), Character.toString(c)}) {
                Utf8Text text = plain(s, 255);
                if (text != null) {
                    assertThat(s.strip()).as("U+%04X", c).isEqualTo(s);
                    assertThat(text).hasToString(s);
                } else if (!Character.isWhitespace(c) && (c < 0xD000 || c > 0xDFFF)) {
                    throw new AssertionError(String.format("U+%04X in %s should be kept as bytes", c, s));
                }
            }
        }
    }

    @Test
    void longerThanTheColumnInBytesIsLeftToTheMapperToCountCharacters() {
        assertThat(plain("abcde", 5)).hasToString("abcde");
        assertThat(plain("abcdef", 5)).isNull();
        assertThat(plain("ééé", 5)).isNull(); // 3 characters but 6 bytes: the mapper decides
    }

    @Test
    void equalByContentWhereverItLies() {
        byte[] page = bytes("{\"a\":\"same\",\"b\":\"same\"}");
        assertThat(Utf8Text.plain(page, 5, 255)).isEqualTo(Utf8Text.plain(page, 16, 255))
                .hasSameHashCodeAs(Utf8Text.plain(page, 16, 255));
    }

    private static Utf8Text plain(String s, int maxLength) {
        return Utf8Text.plain(bytes('"' + s + '"'), 0, maxLength);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
