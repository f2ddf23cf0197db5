package org.incidentplatform.projection.statuspage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.incidentplatform.service.HttpUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public page as Statuspage clients see it in the {@code page} object of every {@code /api/v2}
 * answer. Messages name the setting as written in YAML, so a bad value stops the service at start
 * with the setting's name.
 *
 * @param id       Statuspage's page id: opaque, stable; widgets are configured with it
 * @param name     the page's title
 * @param url      public base URL of the status page; incident shortlinks are {@code <url>/incidents/<id>}
 * @param timeZone IANA time zone the page shows times in; the API itself always answers in UTC
 */
@ConfigurationProperties("projection-service.page")
@Validated
public record StatusPageProperties(
        @NotBlank(message = "projection-service.page.id must be set")
        String id,

        @NotBlank(message = "projection-service.page.name must be set")
        String name,

        @NotNull(message = "projection-service.page.url must be set")
        @HttpUrl(message = "projection-service.page.url must be an absolute http:// or https:// URL")
        URI url,

        @DefaultValue("Etc/UTC") @NotBlank(message = "projection-service.page.time-zone must be set")
        String timeZone) {

    @AssertTrue(message = "projection-service.page.time-zone must be an IANA time zone such as Etc/UTC or Europe/Paris")
    public boolean isTimeZoneKnown() {
        if (timeZone == null || timeZone.isBlank()) {
            return true;
        }
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The URL as clients should see it: without a trailing slash, so paths can be appended. */
    public String baseUrl() {
        String base = url.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
