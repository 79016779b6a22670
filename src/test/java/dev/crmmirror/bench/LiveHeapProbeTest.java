package dev.crmmirror.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of {@code jcmd <pid> GC.class_histogram} (the benchmark itself runs only with -Pbench). */
class LiveHeapProbeTest {

    @Test
    void readsTheBytesOfTheTotalLine() {
        String histogram = """
                17757:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         13416       53241912  [B (java.base@17.0.15)
                   2:          3058         367832  java.lang.Class (java.base@17.0.15)
                 716:             1             16  sun.nio.fs.UnixFileAttributes$UnixAsBasicFileAttributes (java.base@17.0.15)
                Total         61178       55327016
                """;

        assertThat(LiveHeapProbe.totalBytes(histogram)).isEqualTo(55_327_016L);
    }

    @Test
    void answersMinusOneWithoutATotalLine() {
        assertThat(LiveHeapProbe.totalBytes("17757:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file\n"))
                .isEqualTo(-1);
    }
}
