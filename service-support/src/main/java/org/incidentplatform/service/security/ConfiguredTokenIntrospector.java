package org.incidentplatform.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Answers "whose token is this?" from {@link SecuritySettings}, where a remote introspection endpoint or a
 * JWT decoder would in a deployment with an identity provider. Every configured token is compared,
 * by SHA-256 digest and in constant time, so neither the time taken nor an early exit tells a caller
 * how close a guess was or which entry it matched.
 */
final class ConfiguredTokenIntrospector implements OpaqueTokenIntrospector {

    private final List<Entry> entries;

    ConfiguredTokenIntrospector(SecuritySettings tokens) {
        this.entries = tokens.tokens().stream()
                .map(grant -> new Entry(
                        digest(grant.token()),
                        grant.name(),
                        grant.roles().stream()
                                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
                                .toList()))
                .toList();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        byte[] presented = digest(token);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.digest()) && match == null) {
                match = entry;
            }
        }
        if (match == null) {
            throw new BadOpaqueTokenException("the bearer token is not one this service issued");
        }
        return new DefaultOAuth2AuthenticatedPrincipal(match.name(), Map.of("sub", match.name()), match.authorities());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Entry(byte[] digest, String name, List<GrantedAuthority> authorities) {}
}
