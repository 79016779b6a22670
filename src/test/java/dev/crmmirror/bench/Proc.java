package dev.crmmirror.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What Linux's /proc says about a process and the machine. Every reader answers -1 when the process is gone. */
final class Proc {
    /** USER_HZ: the unit of the CPU times in /proc/[pid]/stat and /proc/stat (100 on every Linux we meet). */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private Proc() { }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** User + system CPU ticks of the process; with {@code reapedChildren}, plus those of the children it waited for. */
    static long cpuTicks(long pid, boolean reapedChildren) {
        String[] f = statFields(pid);
        if (f == null) return -1;
        long ticks = userSystemTicks(f);
        // cutime = field 16, cstime 17
        if (reapedChildren) ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks;
    }

    /**
     * User + system CPU ticks of the process's JIT compiler threads ([0]) and garbage collector threads ([1]), by
     * HotSpot's thread names ("C1 CompilerThre", "C2 CompilerThre"; "GC Thread#n", "VM Thread", the G1 and parallel
     * workers); null when the process is gone. Threads that ended are no longer counted.
     */
    static long[] jvmThreadTicks(long pid) {
        long[] ticks = new long[2];
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                int group = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? 0
                        : name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("G1 ") || name.startsWith("ParGC") ? 1 : -1;
                if (group < 0) continue;
                ticks[group] += userSystemTicks(fields(stat));
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long parent(long pid) {
        String[] f = statFields(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    /** Peak resident set size (VmHWM) in kB. */
    static long peakRssKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    static long rssKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    /** Whether the process has installed a handler for SIGQUIT (signal 3: bit 2 of SigCgt); false when it is gone. */
    static boolean catchesSigQuit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("SigCgt:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 2)) != 0;
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return false;
    }

    /** Direct children, from /proc/[pid]/task/[pid]/children (main thread), else by scanning /proc. */
    static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        Path file = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        if (Files.isReadable(file)) {
            try {
                for (String child : Files.readString(file).trim().split("\\s+")) {
                    if (!child.isEmpty()) children.add(Long.parseLong(child));
                }
                return children;
            } catch (IOException | NumberFormatException e) {
                children.clear();
            }
        }
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> children.add(c.pid())));
        return children;
    }

    /**
     * Busy, stolen (by the hypervisor: the noisy neighbours), total and I/O-wait ticks of all CPUs together, from the
     * first line of /proc/stat; null when unreadable.
     */
    static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]); // user..steal
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {total - idle - steal, steal, total, Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Fields after "pid (comm) ", split; null when the process is gone. */
    private static String[] statFields(long pid) {
        try {
            return fields(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A stat line's fields after "pid (comm) " (comm may hold spaces and parentheses): f[0] is field 3, the state. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime (field 14) + stime (field 15). */
    private static long userSystemTicks(String[] f) {
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0) return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
