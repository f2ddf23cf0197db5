package org.incidentplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who used the machine's cores while the runs were measured: the benchmark's own processes (the
 * harness with its broker, and a started incident-service) or anything else. On a shared machine
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
            return String.format("the machine's %d cores were %.2f busy on average: %.2f by the benchmark's processes, "
                    + "%.2f by other processes", cores, busyCores, benchmarkCores, otherCores());
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

    private Duration benchmarkCpu() {
        Duration total = Duration.ZERO;
        for (ProcessHandle process : benchmarkProcesses) {
            total = total.plus(process.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** user + nice + system + irq + softirq + steal of the "cpu" line; -1 when unreadable. */
    private static long busyJiffies() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
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
