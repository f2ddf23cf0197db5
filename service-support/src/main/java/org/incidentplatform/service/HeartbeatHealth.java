package org.incidentplatform.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.validation.annotation.Validated;

/**
 * The pipeline end to end, from incident-service appending to this service reading: how long ago (by
 * incident-service's clock on the heartbeat) the last heartbeat it read was appended. Older than
 * {@code platform.pipeline.max-heartbeat-age} means incident-service stopped, cannot append, or this
 * consumer is stuck; the service still serves what it has, so the status is DEGRADED with the reason, not
 * DOWN. Also a gauge, {@code pipeline_heartbeat_age_seconds}, for alerting. A service that reads
 * incident-events registers one as its {@code pipeline} health, fed by whatever applies its events.
 */
public final class HeartbeatHealth implements HealthIndicator, MeterBinder {

    static final Status DEGRADED = new Status("DEGRADED");

    /**
     * @param maxHeartbeatAge how old the last heartbeat may be before the pipeline counts as stale; a few of
     *                        incident-service's heartbeat intervals (10s by default)
     */
    @Validated
    @ConfigurationProperties("platform.pipeline")
    public record Settings(@NotNull @DefaultValue("45s") Duration maxHeartbeatAge) {

        public Settings {
            if (maxHeartbeatAge != null && maxHeartbeatAge.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "platform.pipeline.max-heartbeat-age must be at least 1s, was " + maxHeartbeatAge);
            }
        }
    }

    private final Supplier<IncidentEvent> last;
    private final Supplier<Instant> now;
    private final Duration maxAge;
    private final Instant startedAt;

    /**
     * @param last the last heartbeat event applied, null before the first
     * @param now  the clock the age is measured against
     */
    public HeartbeatHealth(Supplier<IncidentEvent> last, Supplier<Instant> now, Settings settings) {
        this.last = last;
        this.now = now;
        this.maxAge = settings.maxHeartbeatAge();
        this.startedAt = now.get();
    }

    @Override
    public Health health() {
        Instant at = now.get();
        IncidentEvent heartbeat = last.get();
        if (heartbeat == null) {
            Duration waited = Duration.between(startedAt, at);
            Health.Builder health = waited.compareTo(maxAge) > 0 ? Health.status(DEGRADED) : Health.up();
            return health.withDetail("lastHeartbeat", "none seen since start, " + waited.toSeconds() + " s ago")
                    .withDetail(
                            "reason",
                            waited.compareTo(maxAge) > 0
                                    ? "no heartbeat from incident-service since this instance started; is it running?"
                                    : "waiting for the first heartbeat")
                    .build();
        }
        Duration age = Duration.between(heartbeat.getRecordedAt(), at);
        Heartbeat payload = (Heartbeat) heartbeat.getPayload();
        Health.Builder health = age.compareTo(maxAge) > 0
                ? Health.status(DEGRADED)
                        .withDetail(
                                "reason",
                                "no heartbeat for " + age.toSeconds()
                                        + " s (sent every " + payload.getIntervalMillis() / 1000.0 + " s, limit "
                                        + maxAge.toSeconds()
                                        + " s): incident-service is stopped or cannot append, or this consumer is stuck")
                : Health.up();
        return health.withDetail("lastHeartbeatAt", heartbeat.getRecordedAt().toString())
                .withDetail("heartbeatAgeSeconds", age.toMillis() / 1000.0)
                .withDetail("from", payload.getInstance())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pipeline.heartbeat.age", this, HeartbeatHealth::ageSeconds)
                .description("Seconds since incident-service appended the last heartbeat this instance applied"
                        + " (NaN before the first)")
                .baseUnit("seconds")
                .register(registry);
    }

    private double ageSeconds() {
        IncidentEvent heartbeat = last.get();
        return heartbeat == null
                ? Double.NaN
                : Duration.between(heartbeat.getRecordedAt(), now.get()).toMillis() / 1000.0;
    }
}
