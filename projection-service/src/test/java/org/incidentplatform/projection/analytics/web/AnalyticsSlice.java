package org.incidentplatform.projection.analytics.web;

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

/** A web slice of the analytics API alone: its controllers, configuration and problem rendering. */
@Target(ElementType.TYPE)
@Import(SecurityConfiguration.class)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.ASSIGNABLE_TYPE,
                        classes = {
                            IncidentTimelineController.class,
                            MttrController.class,
                            UptimeController.class,
                            AnalyticsWebConfiguration.class,
                            ErrorResponses.class
                        }))
@interface AnalyticsSlice {}
