package org.incidentplatform.incident.heartbeat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends a {@link Heartbeat} to incident-events on a fixed interval, so that every reader of the log can
 * tell how fresh its view is even when no incident changes: a reader that has seen no heartbeat for a while
 * knows that this service is stopped, that it cannot append, or that the reader itself is stuck.
 *
 * <p>Heartbeats go straight to the log through the plain producer, not through the command processor: they
 * are no stream's fact, need no decision, and must keep flowing while the processor rebalances. Under the
 * reserved key {@link Topics#HEARTBEAT_KEY} they share one partition; a stuck consumer stops on all of them.
 */
@Component
@EnableConfigurationProperties(HeartbeatProperties.class)
final class HeartbeatSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final KafkaTemplate<String, Object> events;
    private final HeartbeatProperties properties;
    private final String instance =
            "incident-service@" + ManagementFactory.getRuntimeMXBean().getName();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile ScheduledExecutorService timer;

    HeartbeatSender(KafkaTemplate<String, Object> events, HeartbeatProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.interval().toMillis();
        timer.scheduleAtFixedRate(this::send, 0, every, TimeUnit.MILLISECONDS);
    }

    private void send() {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        IncidentEvent heartbeat = IncidentEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setIncidentId(Topics.HEARTBEAT_KEY)
                .setSequence(sent.incrementAndGet())
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setActor(instance)
                .setPayload(Heartbeat.newBuilder()
                        .setInstance(instance)
                        .setIntervalMillis(properties.interval().toMillis())
                        .build())
                .build();
        try {
            events.send(Topics.INCIDENT_EVENTS.name(), Topics.HEARTBEAT_KEY, heartbeat)
                    .whenComplete((result, failure) -> {
                        if (failure == null) {
                            if (failing.compareAndSet(true, false)) {
                                log.info("heartbeats are being appended again");
                            }
                        } else if (failing.compareAndSet(false, true)) {
                            // Once per outage: readers report the missing heartbeats themselves.
                            log.warn("cannot append heartbeats to incident-events: {}", failure.getMessage());
                        }
                    });
        } catch (RuntimeException failure) {
            if (failing.compareAndSet(false, true)) {
                log.warn("cannot append heartbeats to incident-events: {}", failure.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
