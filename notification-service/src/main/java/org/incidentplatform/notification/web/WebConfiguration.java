package org.incidentplatform.notification.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.service.web.BodySizeLimit;
import org.incidentplatform.service.web.StrictRequestBodies;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
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
        FilterRegistrationBean<BodySizeLimit> registration =
                new FilterRegistrationBean<>(new BodySizeLimit(JsonLimits.MAX_BODY_BYTES, problems));
        registration.setOrder(-210);
        return registration;
    }

    /**
     * The status page's "Subscribe to updates" form posts JSON here from the reader's browser, so the page's
     * origin (of {@code status-page-url}), and only it, may create a subscription cross-origin: POST with a
     * JSON body, no credentials. First of all filters, so the browser can read every answer, the 413 and
     * 429 of the filters below included, and a preflight costs no rate-limit token. The source is not a
     * bean: Spring Security would otherwise apply it a second time in its chain.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> statusPageOrigin(NotificationProperties properties) {
        CorsConfiguration subscribe = new CorsConfiguration();
        subscribe.setAllowedOrigins(List.of(origin(properties.statusPageUrl())));
        subscribe.setAllowedMethods(List.of("POST"));
        subscribe.setAllowedHeaders(List.of("Content-Type", "Accept"));
        subscribe.setAllowCredentials(false);
        subscribe.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/subscriptions", subscribe);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.addUrlPatterns("/api/v1/subscriptions");
        registration.setOrder(-220);
        return registration;
    }

    /** What a browser sends as {@code Origin}: scheme, host and port (none when it is the scheme's default). */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort =
                port < 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Before security: an abusive client is turned away before any token is even looked at. */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(NotificationProperties properties) {
        FilterRegistrationBean<RequestLimits> registration = new FilterRegistrationBean<>(new RequestLimits(
                properties.rateLimit().burst(), properties.rateLimit().perMinute()));
        registration.addUrlPatterns("/api/v1/subscriptions", "/api/v1/subscriptions/*");
        registration.setOrder(-200);
        return registration;
    }
}
