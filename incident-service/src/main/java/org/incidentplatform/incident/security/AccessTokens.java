package org.incidentplatform.incident.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bearer tokens this service accepts when it is its own token issuer (the embedded default).
 * Bound and validated at start: a missing, short or duplicated token stops the service with the
 * setting's name, so it never runs with a guessable or empty credential.
 *
 * @param tokens one entry per caller; the defaults in application.yml read
 *               {@code INCIDENT_SERVICE_ADMIN_TOKEN}, {@code INCIDENT_SERVICE_RESPONDER_TOKEN} and
 *               {@code INCIDENT_SERVICE_REPORTER_TOKEN}
 */
@ConfigurationProperties("incident-service.security")
@Validated
public record AccessTokens(
        @NotEmpty(message = "incident-service.security.tokens must list at least one {name, token, roles} entry")
        List<@Valid Grant> tokens) {

    /** Tokens are compared by hash, so their length only has to make them unguessable. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public AccessTokens {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    @AssertTrue(message = "incident-service.security.tokens must give each entry its own name and its own token")
    public boolean isEachNameAndTokenDistinct() {
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (Grant grant : tokens) {
            if (grant == null || grant.name() == null || grant.token() == null) {
                continue;
            }
            if (!names.add(grant.name()) || !secrets.add(grant.token())) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param name  the principal: becomes the {@code actor} of every event this caller's commands append
     * @param token the bearer token, at least {@value #MIN_TOKEN_LENGTH} characters (e.g. {@code openssl rand -hex 24})
     * @param roles reporter, responder or admin
     */
    public record Grant(
            @NotBlank(message = "must be set: the principal the token stands for")
            String name,
            @NotBlank(message = "must be set: a random bearer token; the default entries read it from INCIDENT_SERVICE_<NAME>_TOKEN")
            @Size(min = MIN_TOKEN_LENGTH, message = "must be at least " + MIN_TOKEN_LENGTH + " characters")
            String token,
            @NotEmpty(message = "must name at least one of reporter, responder, admin")
            Set<Role> roles) {

        public Grant {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        /** Keeps the secret out of logs and failure reports. */
        @Override
        public String toString() {
            return "Grant[name=" + name + ", roles=" + roles + "]";
        }
    }
}
