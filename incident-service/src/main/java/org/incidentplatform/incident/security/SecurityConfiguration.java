package org.incidentplatform.incident.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.incidentplatform.service.security.PlatformSecurity;
import org.incidentplatform.service.security.Role;
import org.incidentplatform.service.security.ServiceRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Who may call what in incident-service: every endpoint's role, declared once, in {@link #routes}. The
 * scheme (tokens or JWTs, problem details, the role hierarchy, and denial of any handler this table does not
 * name) is the platform's, {@link PlatformSecurity}.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurity.class)
class SecurityConfiguration {

    private static final String REPORTER = Role.REPORTER.roleName();
    private static final String RESPONDER = Role.RESPONDER.roleName();
    private static final String ADMIN = Role.ADMIN.roleName();

    /** Public besides health: the API description. Everything else needs a token with a role. */
    @Bean
    ServiceRoutes routes() {
        return routes -> routes.requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .permitAll()
                .requestMatchers(POST, "/api/v1/components", "/api/v1/component-groups")
                .hasRole(ADMIN)
                .requestMatchers(PUT, "/api/v1/components/*", "/api/v1/component-groups/*")
                .hasRole(ADMIN)
                .requestMatchers(DELETE, "/api/v1/components/*", "/api/v1/component-groups/*")
                .hasRole(ADMIN)
                .requestMatchers(GET, "/api/v1/components/events")
                .hasRole(ADMIN)
                .requestMatchers(POST, "/api/v1/incidents", "/api/v1/incidents/*/updates")
                .hasRole(REPORTER)
                .requestMatchers(
                        POST,
                        "/api/v1/incidents/*/resolve",
                        "/api/v1/incidents/*/reopen",
                        "/api/v1/incidents/*/retract",
                        "/api/v1/incidents/*/postmortem",
                        "/api/v1/incidents/*/action-items",
                        "/api/v1/incidents/*/action-items/*/complete")
                .hasRole(RESPONDER)
                .requestMatchers(GET, "/api/v1/incidents/*/events")
                .hasRole(RESPONDER)
                .requestMatchers(
                        POST,
                        "/api/v1/maintenances",
                        "/api/v1/maintenances/*/updates",
                        "/api/v1/maintenances/*/start",
                        "/api/v1/maintenances/*/verify",
                        "/api/v1/maintenances/*/complete",
                        "/api/v1/maintenances/*/cancel")
                .hasRole(RESPONDER)
                .requestMatchers(GET, "/api/v1/maintenances/*/events")
                .hasRole(RESPONDER);
    }
}
