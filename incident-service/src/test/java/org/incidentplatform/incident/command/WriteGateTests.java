package org.incidentplatform.incident.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.incidentplatform.incident.command.WriteGate.Admission;
import org.junit.jupiter.api.Test;

class WriteGateTests {

    private final WriteGate gate = new WriteGate(Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));

    @Test
    void whileCommandsAreAnswered_everyCommandIsSent() {
        gate.answered();
        assertThat(gate.admit()).isEqualTo(Admission.SEND);
        assertThat(gate.admit()).isEqualTo(Admission.SEND);
    }

    @Test
    void afterAFailure_oneProbeAtATimeGoes_andTheOthersAreRefusedAtOnce_untilACommandIsAnswered() {
        gate.failed("org.apache.kafka.common.errors.TimeoutException: expired");

        assertThat(gate.admit()).isEqualTo(Admission.PROBE);
        assertThat(gate.admit()).isEqualTo(Admission.REFUSE);
        assertThat(gate.refusal()).contains("2026-11-22T08:00:00Z").contains("TimeoutException");

        gate.probeDone(); // the probe failed too: the next request probes again
        assertThat(gate.admit()).isEqualTo(Admission.PROBE);
        assertThat(gate.admit()).isEqualTo(Admission.REFUSE);

        gate.answered();
        gate.probeDone();
        assertThat(gate.admit()).isEqualTo(Admission.SEND);
        assertThat(gate.admit()).isEqualTo(Admission.SEND);
    }

    @Test
    void aLateAnswer_opensTheGateEvenWhileAProbeIsOut() {
        gate.failed("expired");
        assertThat(gate.admit()).isEqualTo(Admission.PROBE);

        gate.answered();

        assertThat(gate.admit()).isEqualTo(Admission.SEND);
    }
}
