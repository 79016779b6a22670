package dev.crmmirror.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's GC log reader (the benchmark itself runs only with -Pbench). */
class GcLogTest {

    @Test
    void readsPeakAndLiveHeapFromG1PauseLines() {
        GcLog log = GcLog.parse(List.of(
                "[0.004s][info][gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)",
                "[0.005s][info][gc     ] Using G1",
                "[0.812s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
                "[0.812s][info][gc,heap     ] GC(0) Eden regions: 12->0(13)",
                "[0.812s][info][gc,metaspace] GC(0) Metaspace: 20480K(20864K)->20480K(20864K) NonClass: 18000K(18200K)->18000K(18200K)",
                "[0.813s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(256M) 4.567ms",
                "[5.100s][info][gc          ] GC(7) Pause Young (Concurrent Start) (G1 Humongous Allocation) 180M->61M(256M) 12.001ms",
                "[5.200s][info][gc          ] GC(8) Concurrent Mark Cycle",
                "[5.300s][info][gc          ] GC(8) Pause Remark 70M->66M(256M) 3.100ms",
                "[5.301s][info][gc          ] GC(8) Pause Cleanup 66M->66M(256M) 0.100ms",
                "[9.000s][info][gc          ] GC(9) Pause Full (System.gc()) 1.5G->512K(2G) 100.000ms"));

        assertThat(log.collector()).isEqualTo("G1");
        assertThat(log.pauses()).isEqualTo(5);
        assertThat(log.fullPauses()).isEqualTo(1);
        assertThat(log.peakHeapBeforeMb()).isEqualTo(1536.0);
        assertThat(log.maxHeapAfterMb()).isEqualTo(66.0);
        assertThat(log.maxHeapCommittedMb()).isEqualTo(2048.0);
        assertThat(log.totalPauseMillis()).isCloseTo(119.768, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void readsParallelPauseLines() {
        GcLog log = GcLog.parse(List.of("[0.009s][info][gc] Using Parallel",
                "[0.747s][info][gc          ] GC(0) Pause Young (Allocation Failure) 64M->3M(245M) 5.905ms",
                "[2.007s][info][gc,start    ] GC(6) Pause Full (Metadata GC Threshold)",
                "[2.035s][info][gc             ] GC(6) Pause Full (Metadata GC Threshold) 9M->9M(243M) 28.073ms"));

        assertThat(log.collector()).isEqualTo("Parallel");
        assertThat(log.pauses()).isEqualTo(2);
        assertThat(log.fullPauses()).isEqualTo(1);
        assertThat(log.peakHeapBeforeMb()).isEqualTo(64.0);
        assertThat(log.maxHeapAfterMb()).isEqualTo(9.0);
    }

    @Test
    void readsSerialPauseLinesToo() {
        GcLog log = GcLog.parse(List.of("[1.0s][info][gc] Using Serial",
                "[2.0s][info][gc] GC(3) Pause Young (Allocation Failure) 70M->20M(247M) 10.500ms"));

        assertThat(log.collector()).isEqualTo("Serial");
        assertThat(log.peakHeapBeforeMb()).isEqualTo(70.0);
        assertThat(log.maxHeapAfterMb()).isEqualTo(20.0);
    }
}
