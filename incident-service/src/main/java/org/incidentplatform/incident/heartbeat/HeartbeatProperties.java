package org.incidentplatform.incident.heartbeat;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param interval how often a heartbeat is appended to incident-events; readers call the pipeline stale
 *                 after a few missed ones, so keep it well under their limit
 *                 ({@code platform.pipeline.max-heartbeat-age}, 45s by default)
 */
@Validated
@ConfigurationProperties("incident-service.heartbeat")
record HeartbeatProperties(@NotNull @DefaultValue("10s") Duration interval) {

    HeartbeatProperties {
        if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "incident-service.heartbeat.interval must be at least 1s, was " + interval);
        }
    }
}
