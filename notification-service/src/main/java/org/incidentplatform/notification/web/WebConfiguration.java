package org.incidentplatform.notification.web;


import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.service.web.BodySizeLimit;
import org.incidentplatform.service.web.StrictRequestBodies;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** A misspelt field of a request body is refused rather than dropped: see {@link StrictRequestBodies}. */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new StrictRequestBodies();
    }

    @Bean
    JsonLimits jsonLimits() {
        return new JsonLimits();
    }

    /** First of all, on every path: an oversized body is refused before anything else looks at the request. */
    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(
                new BodySizeLimit(JsonLimits.MAX_BODY_BYTES, problems));
        registration.setOrder(-210);
        return registration;
    }

    /** Before security: an abusive client is turned away before any token is even looked at. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(NotificationProperties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(
                new RequestLimits(properties.rateLimit().burst(), properties.rateLimit().perMinute()));
        registration.addUrlPatterns("/api/v1/subscriptions", "/api/v1/subscriptions/*");
        registration.setOrder(-200);
        return registration;
    }
}
