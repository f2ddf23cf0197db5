package org.incidentplatform.incident.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. Every endpoint's role is declared once, in {@link #routes}; a request matching no
 * rule there is denied if a handler would serve it (see {@link UnmappedRoutes}).
 *
 * <p>Callers authenticate with a bearer token through Spring Security's OAuth2 resource-server
 * support. In the embedded default the tokens come from {@link AccessTokens} through an
 * {@link OpaqueTokenIntrospector}; with an identity provider, a JWT decoder or a remote introspector
 * takes its place here, and controllers, which only ask for the principal's name, do not change.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessTokens.class)
class SecurityConfiguration {

    private static final String REPORTER = Role.REPORTER.roleName();
    private static final String RESPONDER = Role.RESPONDER.roleName();
    private static final String ADMIN = Role.ADMIN.roleName();

    /**
     * Public: health and info for load balancers and orchestrators, Prometheus for a scraper that
     * carries no token (put the management port on an internal network to hide it), and the API
     * description. Everything else needs a token with a role.
     */
    static void routes(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes,
                       UnmappedRoutes unmapped) {
        routes
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                        "/actuator/prometheus").permitAll()
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll()

                .requestMatchers(POST, "/api/v1/components", "/api/v1/component-groups").hasRole(ADMIN)
                .requestMatchers(PUT, "/api/v1/components/*", "/api/v1/component-groups/*").hasRole(ADMIN)
                .requestMatchers(DELETE, "/api/v1/components/*", "/api/v1/component-groups/*").hasRole(ADMIN)
                .requestMatchers(GET, "/api/v1/components/events").hasRole(ADMIN)

                .requestMatchers(POST, "/api/v1/incidents", "/api/v1/incidents/*/updates").hasRole(REPORTER)
                .requestMatchers(POST, "/api/v1/incidents/*/resolve", "/api/v1/incidents/*/reopen",
                        "/api/v1/incidents/*/retract", "/api/v1/incidents/*/postmortem",
                        "/api/v1/incidents/*/action-items", "/api/v1/incidents/*/action-items/*/complete")
                .hasRole(RESPONDER)
                .requestMatchers(GET, "/api/v1/incidents/*/events").hasRole(RESPONDER)

                .requestMatchers(POST, "/api/v1/maintenances", "/api/v1/maintenances/*/updates",
                        "/api/v1/maintenances/*/start", "/api/v1/maintenances/*/verify",
                        "/api/v1/maintenances/*/complete", "/api/v1/maintenances/*/cancel").hasRole(RESPONDER)
                .requestMatchers(GET, "/api/v1/maintenances/*/events").hasRole(RESPONDER)

                .anyRequest().access(unmapped);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, OpaqueTokenIntrospector tokens, ListableBeanFactory beans,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler bearerDenial = new BearerTokenAccessDeniedHandler();
        // The bearer handlers set the status and WWW-Authenticate; the problem body comes from the one
        // place that renders every error.
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            bearerChallenge.commence(request, response, failure);
            problems.resolveException(request, response, null, failure);
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> {
            bearerDenial.handle(request, response, denied);
            problems.resolveException(request, response, null, denied);
        };
        UnmappedRoutes unmapped = new UnmappedRoutes(beans);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> routes(routes, unmapped))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .opaqueToken(opaque -> opaque.introspector(tokens))
                        // Spring Security always serves RFC 9728 metadata at /.well-known/oauth-protected-resource
                        // (public, as the RFC wants); make it true: tokens here are not bound to client certificates.
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                description -> description.resourceName("incident-service")
                                        .tlsClientCertificateBoundAccessTokens(false))))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** Each role includes the ones below it, so a token needs only its highest role. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(RESPONDER)
                .role(RESPONDER).implies(REPORTER)
                .build();
    }

    @Bean
    OpaqueTokenIntrospector configuredTokens(AccessTokens tokens) {
        return new ConfiguredTokenIntrospector(tokens);
    }
}
