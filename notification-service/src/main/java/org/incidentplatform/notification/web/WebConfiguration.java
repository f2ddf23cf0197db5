package org.incidentplatform.notification.web;


import org.incidentplatform.notification.NotificationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.incidentplatform.service.web.StrictRequestBodies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** A misspelt field of a request body is refused rather than dropped: see {@link StrictRequestBodies}. */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new StrictRequestBodies();
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
