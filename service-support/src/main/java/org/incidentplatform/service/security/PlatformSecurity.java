package org.incidentplatform.service.security;

import static org.springframework.http.HttpMethod.GET;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The one access scheme of every service, imported by each service's security configuration next to its
 * {@link ServiceRoutes}. Callers authenticate with a bearer token through Spring Security's OAuth2
 * resource-server support: in {@code tokens} mode (the embedded default) the token is looked up in
 * {@link SecuritySettings#tokens()}; in {@code jwt} mode it is a JWT signed by the identity provider, its
 * roles read from a configurable claim. Controllers only ask for the principal's name, so they do not
 * change between the two. Failures are problem details with the bearer scheme's {@code WWW-Authenticate}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class PlatformSecurity {

    private static final String REPORTER = Role.REPORTER.roleName();
    private static final String RESPONDER = Role.RESPONDER.roleName();
    private static final String ADMIN = Role.ADMIN.roleName();

    @Bean
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http,
            SecuritySettings settings,
            ServiceRoutes service,
            ListableBeanFactory beans,
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
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(routes -> {
                    // Public: health and info for load balancers and orchestrators, Prometheus for a scraper
                    // that carries no token (put the management port on an internal network to hide it).
                    routes.dispatcherTypeMatchers(DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers(
                                    GET,
                                    "/actuator/health",
                                    "/actuator/health/**",
                                    "/actuator/info",
                                    "/actuator/prometheus")
                            .permitAll();
                    service.declare(routes);
                    routes.anyRequest().access(unmapped);
                })
                .oauth2ResourceServer(resourceServer -> {
                    resourceServer.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden);
                    if (settings.mode() == SecuritySettings.Mode.JWT) {
                        resourceServer.jwt(jwt -> jwt.decoder(jwtDecoder(settings.jwt()))
                                .jwtAuthenticationConverter(roles(settings.jwt())));
                    } else {
                        resourceServer.opaqueToken(
                                opaque -> opaque.introspector(new ConfiguredTokenIntrospector(settings)));
                    }
                    // Spring Security serves RFC 9728 metadata at /.well-known/oauth-protected-resource (public,
                    // as the RFC wants); make it true: tokens here are not bound to client certificates.
                    resourceServer.protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                            description -> description.tlsClientCertificateBoundAccessTokens(false)));
                })
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** Each role includes the ones below it, so a token (or a JWT) needs only its highest role. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN)
                .implies(RESPONDER)
                .role(RESPONDER)
                .implies(REPORTER)
                .build();
    }

    /** Keys from the JWK set URI if given, else discovered from the issuer; the issuer is checked when named. */
    static JwtDecoder jwtDecoder(SecuritySettings.Jwt jwt) {
        if (jwt.jwkSetUri() == null) {
            return JwtDecoders.fromIssuerLocation(jwt.issuerUri().toString());
        }
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
        decoder.setJwtValidator(
                jwt.issuerUri() == null
                        ? JwtValidators.createDefault()
                        : JwtValidators.createDefaultWithIssuer(jwt.issuerUri().toString()));
        return decoder;
    }

    /** The roles claim (a list or a space-separated string) as ROLE_ authorities; unknown roles grant nothing. */
    static Converter<Jwt, AbstractAuthenticationToken> roles(SecuritySettings.Jwt settings) {
        return token -> {
            Object claim = token.getClaims().get(settings.rolesClaim());
            Collection<?> named = claim instanceof Collection<?> list
                    ? list
                    : claim instanceof String text ? List.of(text.split("\\s+")) : List.of();
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (Object name : named) {
                for (Role role : Role.values()) {
                    if (role.roleName().equals(String.valueOf(name).toLowerCase(Locale.ROOT))) {
                        authorities.add(new SimpleGrantedAuthority(role.authority()));
                    }
                }
            }
            return new JwtAuthenticationToken(token, authorities, token.getClaimAsString(settings.principalClaim()));
        };
    }
}
