package org.incidentplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CpuAccountTests {

    @Test
    void busyLoop_isCountedAsTheBenchmarks() {
        CpuAccount account = CpuAccount.start(List.of(ProcessHandle.current()));
        long end = System.nanoTime() + 300_000_000L;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }

        assertThat(spins).isPositive();
        assertThat(account.stop()).hasValueSatisfying(usage -> {
            assertThat(usage.benchmarkCores()).isGreaterThan(0.3);
            assertThat(usage.otherCores()).isGreaterThanOrEqualTo(0);
        });
    }
}
