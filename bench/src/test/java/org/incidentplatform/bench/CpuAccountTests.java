package org.incidentplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuAccountTests {

    /**
     * Spins until this thread has used 300 ms of CPU, however long that takes on a busy machine, and
     * expects at least that much CPU counted as the benchmark's over the account's window.
     */
    @Test
    void busyLoop_isCountedAsTheBenchmarks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = System.nanoTime();
        CpuAccount account = CpuAccount.start(List.of(ProcessHandle.current()));
        long cpuEnd = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < cpuEnd) {
            spins++;
        }
        var usage = account.stop();
        double windowAtMost = (System.nanoTime() - before) / 1e9;

        assertThat(spins).isPositive();
        assertThat(usage).hasValueSatisfying(measured -> {
            // CPU seconds = cores × window; 20 ms allow for the clock-tick resolution of process CPU time.
            assertThat(measured.benchmarkCores() * windowAtMost).isGreaterThan(0.28);
            assertThat(measured.otherCores()).isGreaterThanOrEqualTo(0);
        });
    }
}
