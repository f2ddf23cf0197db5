package org.incidentplatform.projection.analytics.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.incidentplatform.projection.analytics.Analytics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How uptime is counted, for the uptime API and the status page's bars alike.
 *
 * @param partialOutageWeight how much a minute of partial outage counts as down: uptime % over a window is
 *                            100 × (1 − (major + weight × partial) / observed); ARCHITECTURE.md (Durations) sets 0.3. A major
 *                            outage minute always counts fully, degraded performance and maintenance never.
 */
@ConfigurationProperties("projection-service.analytics")
@Validated
public record AnalyticsProperties(
        @DefaultValue("" + Analytics.DEFAULT_PARTIAL_WEIGHT)
        @DecimalMin(value = "0", message = "projection-service.analytics.partial-outage-weight must be between 0 and 1")
        @DecimalMax(value = "1", message = "projection-service.analytics.partial-outage-weight must be between 0 and 1")
        double partialOutageWeight) {}
