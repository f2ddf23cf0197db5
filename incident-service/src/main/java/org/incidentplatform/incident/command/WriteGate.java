package org.incidentplatform.incident.command;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a command should be sent to Kafka now. While Kafka accepts commands, every one goes. Once a
 * send has failed (not acknowledged in time, or refused), one command at a time goes through as a probe
 * and the others are refused at once: during a broker outage a client learns in milliseconds, not after
 * the whole decision timeout, that it should retry later, and nothing it sent is half-recorded. The
 * first acknowledged send, the probe's or a late one's, opens the gate again.
 */
final class WriteGate {

    enum Admission {
        /** Kafka accepts commands: send. */
        SEND,
        /** Kafka has been failing: send this one to find out whether it is back; call {@link #probeDone()} after. */
        PROBE,
        /** Kafka has been failing and a probe is under way: refuse without sending. */
        REFUSE
    }

    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Instant failingSince;
    private volatile String lastFailure;

    WriteGate(Clock clock) {
        this.clock = clock;
    }

    Admission admit() {
        if (failingSince == null) {
            return Admission.SEND;
        }
        return probing.compareAndSet(false, true) ? Admission.PROBE : Admission.REFUSE;
    }

    void probeDone() {
        probing.set(false);
    }

    /** A send was acknowledged: Kafka takes commands. */
    void acknowledged() {
        failingSince = null;
    }

    /** A send failed or was not acknowledged in time. */
    void failed(String reason) {
        lastFailure = reason;
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    /** Why a refused command was refused, for the log. */
    String refusal() {
        Instant since = failingSince;
        return "Kafka has not acknowledged a command since " + (since == null ? "a moment ago" : since)
                + " (last failure: " + lastFailure + "); refused without sending while another request probes it";
    }
}
