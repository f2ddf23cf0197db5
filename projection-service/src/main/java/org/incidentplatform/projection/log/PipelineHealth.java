package org.incidentplatform.projection.log;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.validation.constraints.NotNull;

import org.incidentplatform.events.Heartbeat;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The pipeline end to end, from incident-service appending to this instance applying: how long ago (by
 * incident-service's clock on the heartbeat) the last heartbeat was appended. Older than
 * {@code max-heartbeat-age} means incident-service stopped, cannot append, or this consumer is stuck; the
 * page still serves what it has, so the status is DEGRADED with the reason, not DOWN. Also a gauge,
 * {@code pipeline_heartbeat_age_seconds}, for alerting.
 */
@Component("pipeline")
@EnableConfigurationProperties(PipelineHealth.Settings.class)
final class PipelineHealth implements HealthIndicator, MeterBinder {

    static final Status DEGRADED = new Status("DEGRADED");

    /**
     * @param maxHeartbeatAge how old the last heartbeat may be before the pipeline counts as stale; a few of
     *                        incident-service's heartbeat intervals (10s by default)
     */
    @Validated
    @ConfigurationProperties("projection-service.pipeline")
    record Settings(@NotNull @DefaultValue("45s") Duration maxHeartbeatAge) {

        Settings {
            if (maxHeartbeatAge != null && maxHeartbeatAge.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "projection-service.pipeline.max-heartbeat-age must be at least 1s, was " + maxHeartbeatAge);
            }
        }
    }

    private final LiveStatus status;
    private final Duration maxAge;
    private final Instant startedAt;

    PipelineHealth(LiveStatus status, Settings settings) {
        this.status = status;
        this.maxAge = settings.maxHeartbeatAge();
        this.startedAt = status.now();
    }

    @Override
    public Health health() {
        Instant now = status.now();
        Instant last = status.lastHeartbeatAt();
        if (last == null) {
            Duration waited = Duration.between(startedAt, now);
            Health.Builder health = waited.compareTo(maxAge) > 0 ? Health.status(DEGRADED) : Health.up();
            return health.withDetail("lastHeartbeat", "none seen since start, " + waited.toSeconds() + " s ago")
                    .withDetail("reason", waited.compareTo(maxAge) > 0
                            ? "no heartbeat from incident-service since this instance started; is it running?"
                            : "waiting for the first heartbeat")
                    .build();
        }
        Duration age = Duration.between(last, now);
        Heartbeat heartbeat = status.lastHeartbeat();
        Health.Builder health = age.compareTo(maxAge) > 0
                ? Health.status(DEGRADED).withDetail("reason", "no heartbeat for " + age.toSeconds()
                        + " s (sent every " + heartbeat.getIntervalMillis() / 1000.0 + " s, limit " + maxAge.toSeconds()
                        + " s): incident-service is stopped or cannot append, or this consumer is stuck")
                : Health.up();
        return health.withDetail("lastHeartbeatAt", last.toString())
                .withDetail("heartbeatAgeSeconds", age.toMillis() / 1000.0)
                .withDetail("from", heartbeat.getInstance())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pipeline.heartbeat.age", this, PipelineHealth::ageSeconds)
                .description("Seconds since incident-service appended the last heartbeat this instance applied"
                        + " (NaN before the first)")
                .baseUnit("seconds")
                .register(registry);
    }

    private double ageSeconds() {
        Instant last = status.lastHeartbeatAt();
        return last == null ? Double.NaN : Duration.between(last, status.now()).toMillis() / 1000.0;
    }
}
