package org.incidentplatform.projection.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import java.util.List;
import org.incidentplatform.service.security.PlatformSecurity;
import org.incidentplatform.service.security.ServiceRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * Everything projection-service serves is public: the status page and its feeds, the Statuspage API, the
 * analytics and the OpenAPI description of both APIs, as ARCHITECTURE.md says (HTTP contracts). Each route
 * is still named here, so an endpoint added later without a line is denied (the platform's rule) rather
 * than published by accident. Static files (CSS) reach no handler method and are served to anyone. The one
 * token this service knows, the platform admin's, opens nothing more: it only shows health's details.
 * A HEAD of a route is as public as its GET: the same answer without the body.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurity.class)
public class SecurityConfiguration {

    @Bean
    ServiceRoutes routes() {
        return routes -> {
            for (HttpMethod read : List.of(GET, HEAD)) {
                routes.requestMatchers(
                                read,
                                "/",
                                "/incidents/*",
                                "/history",
                                "/history/*",
                                "/history.atom",
                                "/history.rss",
                                "/analytics")
                        .permitAll()
                        .requestMatchers(
                                read,
                                "/api/v2/summary.json",
                                "/api/v2/status.json",
                                "/api/v2/components.json",
                                "/api/v2/incidents.json",
                                "/api/v2/incidents/unresolved.json",
                                "/api/v2/scheduled-maintenances.json",
                                "/api/v2/scheduled-maintenances/upcoming.json",
                                "/api/v2/scheduled-maintenances/active.json")
                        .permitAll()
                        .requestMatchers(
                                read,
                                "/api/v1/incidents/*",
                                "/api/v1/analytics/mttr",
                                "/api/v1/analytics/mttr.csv",
                                "/api/v1/components/*/uptime",
                                "/api/v1/component-groups/*/uptime")
                        .permitAll()
                        .requestMatchers(read, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                        .permitAll();
            }
        };
    }
}
