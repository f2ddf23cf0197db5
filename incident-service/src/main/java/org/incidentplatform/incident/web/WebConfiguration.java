package org.incidentplatform.incident.web;

import org.incidentplatform.service.web.BodySizeLimit;
import org.incidentplatform.service.web.StrictRequestBodies;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimits.class)
class WebConfiguration {

    @Bean
    BodySizeLimit bodySizeLimit(
            HttpLimits limits, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return new BodySizeLimit(limits.maxBodyBytes().toBytes(), problems);
    }

    /** A misspelt field of a request body is refused rather than dropped: see {@link StrictRequestBodies}. */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new StrictRequestBodies();
    }
}
