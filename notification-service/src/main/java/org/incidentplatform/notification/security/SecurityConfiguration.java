package org.incidentplatform.notification.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.incidentplatform.service.security.PlatformSecurity;
import org.incidentplatform.service.security.Role;
import org.incidentplatform.service.security.ServiceRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Who may call what in notification-service, declared once here; the scheme is the platform's
 * ({@link PlatformSecurity}). Public: creating an email subscription (double opt-in guards the address),
 * the signed confirm and unsubscribe links, and the OpenAPI description. Admin: webhook and Slack
 * subscriptions (the controller checks the channel), listings, removal, re-enabling, and the delivery log.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurity.class)
class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.roleName();

    @Bean
    ServiceRoutes routes() {
        return routes -> routes.requestMatchers(POST, "/api/v1/subscriptions")
                .permitAll()
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .permitAll()
                .requestMatchers(GET, "/api/v1/subscriptions/*/confirm", "/api/v1/subscriptions/*/unsubscribe")
                .permitAll()
                .requestMatchers(POST, "/api/v1/subscriptions/*/confirm", "/api/v1/subscriptions/*/unsubscribe")
                .permitAll()
                .requestMatchers(GET, "/api/v1/subscriptions", "/api/v1/subscriptions/*")
                .hasRole(ADMIN)
                .requestMatchers(DELETE, "/api/v1/subscriptions/*")
                .hasRole(ADMIN)
                .requestMatchers(POST, "/api/v1/subscriptions/*/enable")
                .hasRole(ADMIN)
                .requestMatchers(GET, "/api/v1/deliveries")
                .hasRole(ADMIN);
    }
}
