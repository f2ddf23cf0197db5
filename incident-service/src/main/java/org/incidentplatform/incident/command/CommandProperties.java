package org.incidentplatform.incident.command;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param decisionTimeout             how long an HTTP request waits for its command to be decided and
 *                                    committed before answering 503
 * @param maintenanceScheduleInterval how often due maintenances are started or completed automatically
 * @param idempotencyRetention        how long a request's answer is kept for retries under its Idempotency-Key
 */
@Validated
@ConfigurationProperties("incident-service.commands")
record CommandProperties(
        @NotNull @DefaultValue("10s") Duration decisionTimeout,
        @NotNull @DefaultValue("5s") Duration maintenanceScheduleInterval,
        @NotNull @DefaultValue("24h") Duration idempotencyRetention) {

    CommandProperties {
        if (decisionTimeout != null && (decisionTimeout.isNegative() || decisionTimeout.isZero())) {
            throw new IllegalArgumentException("incident-service.commands.decision-timeout must be positive");
        }
        if (maintenanceScheduleInterval != null && maintenanceScheduleInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "incident-service.commands.maintenance-schedule-interval must be at least 100ms");
        }
        if (idempotencyRetention != null && idempotencyRetention.toMinutes() < 1) {
            throw new IllegalArgumentException("incident-service.commands.idempotency-retention must be at least 1m");
        }
    }
}
