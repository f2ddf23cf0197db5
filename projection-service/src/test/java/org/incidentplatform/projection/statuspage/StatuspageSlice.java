package org.incidentplatform.projection.statuspage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.incidentplatform.projection.security.SecurityConfiguration;
import org.incidentplatform.projection.web.ErrorResponses;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * A web slice of the Statuspage API alone (its controller, configuration and problem rendering), with
 * a known page. Each test class provides the {@code LiveStatus} it reads, built from events.
 */
@Target(ElementType.TYPE)
@Import(SecurityConfiguration.class)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.ASSIGNABLE_TYPE,
                        classes = {StatuspageController.class, StatuspageConfiguration.class, ErrorResponses.class}),
        properties = {
            "projection-service.page.id=" + StatuspageSlice.PAGE_ID,
            "projection-service.page.name=Acme",
            "projection-service.page.url=https://status.acme.test/",
            "projection-service.page.time-zone=Europe/Paris",
            "projection-service.read-your-writes-timeout=" + StatuspageSlice.READ_YOUR_WRITES_TIMEOUT_MS + "ms",
            "projection-service.cache-max-age=10s"
        })
@interface StatuspageSlice {

    String PAGE_ID = "acme-page";
    String PAGE_URL = "https://status.acme.test";
    long READ_YOUR_WRITES_TIMEOUT_MS = 1000;
}
