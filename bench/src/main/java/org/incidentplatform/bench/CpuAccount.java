package org.incidentplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who used the machine's cores while the runs were measured: the benchmark's own processes (the
 * harness with its broker, the services it started, wrk and nginx) or anything else. On a shared machine
 * another process's build lowers every figure, so the report says how much of that there was.
 * Linux only ({@code /proc/stat}); elsewhere it says nothing.
 */
final class CpuAccount {

    /** Cores busy on average over the window, and how many of them were the benchmark's. */
    record Usage(int cores, double busyCores, double benchmarkCores) {

        double otherCores() {
            return Math.max(0, busyCores - benchmarkCores);
        }

        String describe() {
            return String.format(
                    "the machine's %d cores were %.2f busy on average: %.2f by the benchmark's processes, "
                            + "%.2f by other processes",
                    cores, busyCores, benchmarkCores, otherCores());
        }
    }

    // USER_HZ is 100 on every Linux architecture that Java runs on.
    private static final double JIFFIES_PER_SECOND = 100;

    private final List<ProcessHandle> benchmarkProcesses;
    private final long startNanos;
    private final long startBusyJiffies;
    private final Duration startBenchmarkCpu;

    private CpuAccount(List<ProcessHandle> benchmarkProcesses) {
        this.benchmarkProcesses = List.copyOf(benchmarkProcesses);
        this.startNanos = System.nanoTime();
        this.startBusyJiffies = busyJiffies();
        this.startBenchmarkCpu = benchmarkCpu();
    }

    static CpuAccount start(List<ProcessHandle> benchmarkProcesses) {
        return new CpuAccount(benchmarkProcesses);
    }

    Optional<Usage> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long busy = busyJiffies();
        if (busy < 0 || startBusyJiffies < 0 || seconds <= 0) {
            return Optional.empty();
        }
        double busyCores = (busy - startBusyJiffies) / JIFFIES_PER_SECOND / seconds;
        double benchmarkCores = benchmarkCpu().minus(startBenchmarkCpu).toNanos() / 1e9 / seconds;
        return Optional.of(new Usage(Runtime.getRuntime().availableProcessors(), busyCores, benchmarkCores));
    }

    /**
     * The CPU time of the benchmark's processes and of everything they started: live descendants (nginx
     * and its workers) by their own time, and children already ended and reaped (each wrk run) by the
     * time Linux adds to their parent's {@code cutime} and {@code cstime}.
     */
    private Duration benchmarkCpu() {
        Map<Long, ProcessHandle> all = new LinkedHashMap<>();
        for (ProcessHandle process : benchmarkProcesses) {
            all.put(process.pid(), process);
            process.descendants().forEach(descendant -> all.put(descendant.pid(), descendant));
        }
        Duration total = Duration.ZERO;
        for (ProcessHandle process : all.values()) {
            total = total.plus(process.info().totalCpuDuration().orElse(Duration.ZERO))
                    .plus(reapedChildrenCpu(process.pid()));
        }
        return total;
    }

    /** CPU time used so far by each named process (its own, not its children's). */
    static Map<String, Duration> cpuTimes(Map<String, ProcessHandle> processes) {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.forEach((name, process) ->
                times.put(name, process.info().totalCpuDuration().orElse(Duration.ZERO)));
        return times;
    }

    /** cutime + cstime of /proc/PID/stat: CPU of the process's children that have ended and been waited for. */
    private static Duration reapedChildrenCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return Duration.ofMillis(Math.round(ticks * 1000 / JIFFIES_PER_SECOND));
        } catch (IOException | RuntimeException gone) {
            return Duration.ZERO;
        }
    }

    /** user + nice + system + irq + softirq + steal of the "cpu" line; -1 when unreadable. */
    private static long busyJiffies() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] columns = new long[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                columns[i - 1] = Long.parseLong(fields[i]);
            }
            return columns[0] + columns[1] + columns[2] + columns[5] + columns[6] + columns[7];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
