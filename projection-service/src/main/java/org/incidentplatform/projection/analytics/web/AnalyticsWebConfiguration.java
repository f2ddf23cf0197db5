package org.incidentplatform.projection.analytics.web;

import java.time.Clock;
import org.incidentplatform.projection.statuspage.ReadYourWrites;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the analytics API: its settings ({@link AnalyticsProperties}), the clock that says what "today"
 * is for uptime windows (a UTC system clock unless the context already has one), and read-your-writes
 * on its paths. The {@link ReadYourWrites}
 * bean comes from the Statuspage API's configuration, which registers it on {@code /api/v2/**} only;
 * this registers the same bean on the analytics paths, without touching that registration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsWebConfiguration implements WebMvcConfigurer {

    static final String[] PATHS = {
        "/api/v1/incidents/**",
        "/api/v1/analytics/**",
        "/api/v1/components/*/uptime",
        "/api/v1/component-groups/*/uptime"
    };

    private final ObjectProvider<ReadYourWrites> readYourWrites;

    AnalyticsWebConfiguration(ObjectProvider<ReadYourWrites> readYourWrites) {
        this.readYourWrites = readYourWrites;
    }

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock analyticsClock() {
        return Clock.systemUTC();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        ReadYourWrites interceptor = readYourWrites.getIfUnique();
        if (interceptor != null) {
            registry.addInterceptor(interceptor).addPathPatterns(PATHS);
        }
    }
}
