package org.incidentplatform.incident.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/** The token table: refused at start when it could not keep anyone out, and matched exactly. */
class AccessTokensTests {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(BindsTokens.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AccessTokens.class)
    static class BindsTokens {
    }

    @Test
    void start_binds_aValidTable() {
        context.withPropertyValues(
                        "incident-service.security.tokens[0].name=ops-admin",
                        "incident-service.security.tokens[0].token=" + TOKEN,
                        "incident-service.security.tokens[0].roles=admin,responder")
                .run(started -> assertThat(started.getBean(AccessTokens.class).tokens()).singleElement()
                        .satisfies(grant -> {
                            assertThat(grant.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.RESPONDER);
                            assertThat(grant.toString()).doesNotContain(TOKEN);
                        }));
    }

    @Test
    void start_fails_namingTheSetting_whenNoTokenIsConfigured() {
        context.run(started -> assertThat(started).getFailure()
                .hasStackTraceContaining("incident-service.security.tokens")
                .hasStackTraceContaining("at least one"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "token unset (empty env var)   | ops-admin | ''                                | admin     | tokens[0].token",
            "token too short               | ops-admin | short-token                       | admin     | at least 32 characters",
            "name blank                    | ''        | " + TOKEN + "                     | admin     | tokens[0].name",
            "no role                       | ops-admin | " + TOKEN + "                     | ''        | tokens[0].roles",
            "unknown role                  | ops-admin | " + TOKEN + "                     | superuser | tokens[0].roles"})
    void start_fails_namingTheSetting_whenAnEntryIsUnusable(String what, String name, String token, String roles,
                                                            String message) {
        context.withPropertyValues(
                        "incident-service.security.tokens[0].name=" + name,
                        "incident-service.security.tokens[0].token=" + token,
                        "incident-service.security.tokens[0].roles=" + roles)
                .run(started -> assertThat(started).getFailure()
                        .hasStackTraceContaining("incident-service.security")
                        .hasStackTraceContaining(message));
    }

    @Test
    void start_fails_whenTwoEntriesShareAToken() {
        context.withPropertyValues(
                        "incident-service.security.tokens[0].name=ops-admin",
                        "incident-service.security.tokens[0].token=" + TOKEN,
                        "incident-service.security.tokens[0].roles=admin",
                        "incident-service.security.tokens[1].name=monitor",
                        "incident-service.security.tokens[1].token=" + TOKEN,
                        "incident-service.security.tokens[1].roles=reporter")
                .run(started -> assertThat(started).getFailure()
                        .hasStackTraceContaining("its own name and its own token"));
    }

    @Test
    void introspector_findsTheCallerOfAConfiguredToken_withItsRolesAsAuthorities() {
        var introspector = new ConfiguredTokenIntrospector(new AccessTokens(List.of(
                new AccessTokens.Grant("ops-admin", TOKEN, Set.of(Role.ADMIN)),
                new AccessTokens.Grant("synthetic-monitor", TOKEN.replace('0', 'x'), Set.of(Role.REPORTER)))));

        OAuth2AuthenticatedPrincipal monitor = introspector.introspect(TOKEN.replace('0', 'x'));

        assertThat(monitor.getName()).isEqualTo("synthetic-monitor");
        assertThat(monitor.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_reporter");
    }

    @Test
    void introspector_refusesAnythingButAnExactToken() {
        var introspector = new ConfiguredTokenIntrospector(new AccessTokens(List.of(
                new AccessTokens.Grant("ops-admin", TOKEN, Set.of(Role.ADMIN)))));

        for (String guess : new String[] {"", TOKEN.substring(0, 31), TOKEN + " ", TOKEN.toUpperCase()}) {
            assertThatThrownBy(() -> introspector.introspect(guess)).isInstanceOf(BadOpaqueTokenException.class);
        }
    }
}
