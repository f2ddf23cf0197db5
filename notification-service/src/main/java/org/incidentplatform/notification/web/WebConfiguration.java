package org.incidentplatform.notification.web;

import tools.jackson.databind.DeserializationFeature;

import org.incidentplatform.notification.NotificationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /**
     * Request bodies are read strictly: a misspelt optional field ({@code minimpact}) would otherwise
     * be dropped in silence and the subscription get a default the caller did not mean.
     */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.configureMessageConverters(converter -> {
                    if (converter instanceof JacksonJsonHttpMessageConverter json) {
                        var strict = json.getMapper().rebuild()
                                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                .build();
                        json.registerMappersForType(JsonRequest.class,
                                mappers -> mappers.put(MediaType.APPLICATION_JSON, strict));
                    }
                });
            }
        };
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
