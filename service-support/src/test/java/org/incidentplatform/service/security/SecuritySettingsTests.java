package org.incidentplatform.service.security;

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
class SecuritySettingsTests {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(BindsTokens.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettings.class)
    static class BindsTokens {}

    @Test
    void start_binds_aValidTable() {
        context.withPropertyValues(
                        "platform.security.tokens[0].name=ops-admin",
                        "platform.security.tokens[0].token=" + TOKEN,
                        "platform.security.tokens[0].roles=admin,responder")
                .run(started -> assertThat(
                                started.getBean(SecuritySettings.class).tokens())
                        .singleElement()
                        .satisfies(grant -> {
                            assertThat(grant.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.RESPONDER);
                            assertThat(grant.toString()).doesNotContain(TOKEN);
                        }));
    }

    @Test
    void noTable_acceptsNoToken_forAServiceWhoseEndpointsAreAllPublic() {
        context.run(started -> {
            SecuritySettings settings = started.getBean(SecuritySettings.class);
            assertThat(settings.tokens()).isEmpty();
            assertThatThrownBy(() -> new ConfiguredTokenIntrospector(settings).introspect(TOKEN))
                    .isInstanceOf(BadOpaqueTokenException.class);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "token unset (empty env var)   | ops-admin | ''                                | admin     | tokens[0].token",
                "token too short               | ops-admin | short-token                       | admin     | at least 32 characters",
                "name blank                    | ''        | " + TOKEN
                        + "                     | admin     | tokens[0].name",
                "no role                       | ops-admin | " + TOKEN
                        + "                     | ''        | tokens[0].roles",
                "unknown role                  | ops-admin | " + TOKEN
                        + "                     | superuser | tokens[0].roles"
            })
    void start_fails_namingTheSetting_whenAnEntryIsUnusable(
            String what, String name, String token, String roles, String message) {
        context.withPropertyValues(
                        "platform.security.tokens[0].name=" + name,
                        "platform.security.tokens[0].token=" + token,
                        "platform.security.tokens[0].roles=" + roles)
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining("platform.security")
                        .hasStackTraceContaining(message));
    }

    @Test
    void start_fails_whenTwoEntriesShareAToken() {
        context.withPropertyValues(
                        "platform.security.tokens[0].name=ops-admin",
                        "platform.security.tokens[0].token=" + TOKEN,
                        "platform.security.tokens[0].roles=admin",
                        "platform.security.tokens[1].name=monitor",
                        "platform.security.tokens[1].token=" + TOKEN,
                        "platform.security.tokens[1].roles=reporter")
                .run(started ->
                        assertThat(started).getFailure().hasStackTraceContaining("its own name and its own token"));
    }

    @Test
    void jwtMode_needsNoTokens_butAKeySource() {
        context.withPropertyValues("platform.security.mode=jwt")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining("platform.security.jwt.issuer-uri or platform.security.jwt.jwk-set-uri"
                                + " must be set in jwt mode"));
        context.withPropertyValues(
                        "platform.security.mode=jwt",
                        "platform.security.jwt.jwk-set-uri=https://login.example.com/keys")
                .run(started -> assertThat(
                                started.getBean(SecuritySettings.class).jwt().rolesClaim())
                        .isEqualTo("roles"));
    }

    @Test
    void anUnknownMode_isRefused_namingTheSetting() {
        context.withPropertyValues("platform.security.mode=ldap")
                .run(started -> assertThat(started).getFailure().hasStackTraceContaining("platform.security.mode"));
    }

    @Test
    void introspector_findsTheCallerOfAConfiguredToken_withItsRolesAsAuthorities() {
        var introspector = new ConfiguredTokenIntrospector(SecuritySettings.ofTokens(List.of(
                new SecuritySettings.Grant("ops-admin", TOKEN, Set.of(Role.ADMIN)),
                new SecuritySettings.Grant("synthetic-monitor", TOKEN.replace('0', 'x'), Set.of(Role.REPORTER)))));

        OAuth2AuthenticatedPrincipal monitor = introspector.introspect(TOKEN.replace('0', 'x'));

        assertThat(monitor.getName()).isEqualTo("synthetic-monitor");
        assertThat(monitor.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_reporter");
    }

    @Test
    void introspector_refusesAnythingButAnExactToken() {
        var introspector = new ConfiguredTokenIntrospector(
                SecuritySettings.ofTokens(List.of(new SecuritySettings.Grant("ops-admin", TOKEN, Set.of(Role.ADMIN)))));

        for (String guess : new String[] {"", TOKEN.substring(0, 31), TOKEN + " ", TOKEN.toUpperCase()}) {
            assertThatThrownBy(() -> introspector.introspect(guess)).isInstanceOf(BadOpaqueTokenException.class);
        }
    }
}
