package org.incidentplatform.incident.command;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a command should be sent to Kafka now. While commands are answered, every one goes. Once one
 * was not (its send failed, or no answer came within the decision timeout), one command at a time goes
 * through as a probe and the others are refused at once, without being sent: during a broker outage a
 * client learns in milliseconds, not after the whole decision timeout, that it should retry later. The
 * first answer read, the probe's or a late one to an earlier command, opens the gate again: it proves
 * that commands are written, decided and answered.
 */
final class WriteGate {

    enum Admission {
        /** Commands are answered: send. */
        SEND,
        /** Commands have not been answered: send this one to find out; call {@link #probeDone()} after. */
        PROBE,
        /** Commands have not been answered and a probe is under way: refuse without sending. */
        REFUSE
    }

    private static final Logger log = LoggerFactory.getLogger(WriteGate.class);

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

    /** An answer to a command was read: commands are written, decided and answered. */
    void answered() {
        Instant since = failingSince;
        if (since != null) {
            failingSince = null;
            log.info("commands are answered again (not since {}): writes are sent as usual", since);
        }
    }

    /** A command could not be sent, or was not answered within the decision timeout. */
    void failed(String reason) {
        lastFailure = reason;
        if (failingSince == null) {
            failingSince = clock.instant();
            log.warn(
                    "a command was not answered ({}): until one is, one write at a time probes Kafka and the "
                            + "others get 503 at once",
                    reason);
        }
    }

    /** Why a refused command was refused, for the log. */
    String refusal() {
        Instant since = failingSince;
        return "no command answered since " + (since == null ? "a moment ago" : since) + " (last failure: "
                + lastFailure + "); refused without sending while another request probes it";
    }
}
