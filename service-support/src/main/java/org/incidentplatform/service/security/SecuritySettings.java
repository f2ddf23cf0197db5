package org.incidentplatform.service.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call a service, the same scheme in every service: bearer tokens, either from this table (the
 * embedded default) or JWTs from an identity provider, switched by {@code platform.security.mode} alone.
 * Bound and validated at start: a missing, short or duplicated token, or a JWT mode without a key source,
 * stops the service with the setting's name, so it never runs with a guessable or empty credential.
 *
 * @param mode   {@code tokens}: the {@code tokens} table; {@code jwt}: JWTs checked against {@code jwt.*}
 * @param tokens one entry per caller, used in {@code tokens} mode; each service's application.yml reads
 *               the secrets from environment variables. projection-service, whose reads are all
 *               public, takes only the admin's, which shows health's details.
 * @param jwt    the identity provider, used in {@code jwt} mode
 */
@ConfigurationProperties("platform.security")
@Validated
public record SecuritySettings(
        @NotNull(message = "platform.security.mode must be tokens or jwt") @DefaultValue("tokens")
        Mode mode,

        List<@Valid Grant> tokens,
        @Valid @DefaultValue Jwt jwt) {

    /** Tokens are compared by hash, so their length only has to make them unguessable. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public enum Mode {
        TOKENS,
        JWT
    }

    public SecuritySettings {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** A token table and nothing else, as tokens mode binds it. */
    static SecuritySettings ofTokens(List<Grant> tokens) {
        return new SecuritySettings(Mode.TOKENS, tokens, new Jwt(null, null, "roles", "sub"));
    }

    @AssertTrue(message = "platform.security.tokens must give each entry its own name and its own token")
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

    @AssertTrue(
            message = "platform.security.jwt.issuer-uri or platform.security.jwt.jwk-set-uri must be set in jwt mode")
    public boolean isAKeySourceConfiguredInJwtMode() {
        return mode != Mode.JWT || (jwt != null && (jwt.issuerUri() != null || jwt.jwkSetUri() != null));
    }

    /**
     * @param name  the principal: becomes the {@code actor} of every event this caller's commands append
     * @param token the bearer token, at least {@value #MIN_TOKEN_LENGTH} characters (e.g. {@code openssl rand -hex 24})
     * @param roles reporter, responder or admin
     */
    public record Grant(
            @NotBlank(message = "must be set: the principal the token stands for")
            String name,

            @NotBlank(
                    message =
                            "must be set: a random bearer token, from the environment variable the service's application.yml names")
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

    /**
     * @param issuerUri      the OpenID issuer; its JWK set is discovered from it and {@code iss} is checked
     * @param jwkSetUri      the JWK set, when the provider offers no discovery (takes precedence for keys)
     * @param rolesClaim     the claim holding the caller's roles (a list, or a space-separated string); an
     *                       entry that is not one of reporter, responder, admin is ignored
     * @param principalClaim the claim naming the caller: the {@code actor} of the events it causes
     */
    public record Jwt(
            URI issuerUri,
            URI jwkSetUri,

            @NotBlank(message = "platform.security.jwt.roles-claim must name a claim") @DefaultValue("roles")
            String rolesClaim,

            @NotBlank(message = "platform.security.jwt.principal-claim must name a claim") @DefaultValue("sub")
            String principalClaim) {}
}
