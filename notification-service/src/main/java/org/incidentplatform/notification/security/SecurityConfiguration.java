package org.incidentplatform.notification.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.incidentplatform.notification.NotificationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what, declared once here. Public: health, creating an email subscription (double
 * opt-in guards the address), and the signed confirm and unsubscribe links. Everything else,
 * including webhook and Slack subscriptions (the controller checks the channel), needs the admin
 * bearer token ({@code NOTIFICATION_SERVICE_ADMIN_TOKEN}), as in incident-service: through Spring
 * Security's resource-server support, so an identity provider can take the configured token's place.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = "admin";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, OpaqueTokenIntrospector tokens,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler bearerDenial = new BearerTokenAccessDeniedHandler();
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            bearerChallenge.commence(request, response, failure);
            problems.resolveException(request, response, null, failure);
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> {
            bearerDenial.handle(request, response, denied);
            problems.resolveException(request, response, null, denied);
        };
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> routes
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers(POST, "/api/v1/subscriptions").permitAll()
                        .requestMatchers(GET, "/api/v1/subscriptions/*/confirm", "/api/v1/subscriptions/*/unsubscribe")
                        .permitAll()
                        .requestMatchers(POST, "/api/v1/subscriptions/*/unsubscribe").permitAll()
                        .requestMatchers(GET, "/api/v1/subscriptions", "/api/v1/subscriptions/*").hasRole(ADMIN)
                        .requestMatchers(DELETE, "/api/v1/subscriptions/*").hasRole(ADMIN)
                        .requestMatchers(POST, "/api/v1/subscriptions/*/enable").hasRole(ADMIN)
                        .requestMatchers(GET, "/api/v1/deliveries").hasRole(ADMIN)
                        .anyRequest().hasRole(ADMIN))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .opaqueToken(opaque -> opaque.introspector(tokens)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /** The one configured token, compared by SHA-256 digest in constant time. */
    @Bean
    OpaqueTokenIntrospector configuredToken(NotificationProperties properties) {
        byte[] admin = digest(properties.adminToken());
        return token -> {
            if (!MessageDigest.isEqual(digest(token), admin)) {
                throw new BadOpaqueTokenException("the bearer token is not one this service issued");
            }
            return new DefaultOAuth2AuthenticatedPrincipal(ADMIN, Map.of("sub", ADMIN),
                    List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN)));
        };
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
