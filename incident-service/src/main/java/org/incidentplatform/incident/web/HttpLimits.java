package org.incidentplatform.incident.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what one request may cost the service.
 *
 * @param maxBodyBytes largest request body accepted, as bytes ({@code 65536}) or a size ({@code 64KB});
 *                     a larger one gets 413 before it is read. Postmortems are the largest bodies.
 */
@ConfigurationProperties("incident-service")
@Validated
public record HttpLimits(
        @DefaultValue("64KB") @NotNull(message = "incident-service.max-body-bytes must be set")
        DataSize maxBodyBytes) {

    @AssertTrue(message = "incident-service.max-body-bytes must be between 1KB and 16MB")
    public boolean isMaxBodyBytesWithinReason() {
        return maxBodyBytes == null
                || (maxBodyBytes.toBytes() >= 1024 && maxBodyBytes.compareTo(DataSize.ofMegabytes(16)) <= 0);
    }
}
