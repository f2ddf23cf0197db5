package org.incidentplatform.incident.command;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param advertisedHost the host other incident-service instances reach this one at, for audit reads
 *                       they forward to the owner of a stream's partition (with this instance's HTTP port)
 */
@Validated
@ConfigurationProperties("incident-service.instance")
record InstanceProperties(
        @NotBlank @DefaultValue("127.0.0.1") String advertisedHost) {}
