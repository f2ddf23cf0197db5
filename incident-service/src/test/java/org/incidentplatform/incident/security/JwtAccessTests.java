package org.incidentplatform.incident.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.incidentplatform.incident.web.Http.acceptAll;
import static org.incidentplatform.incident.web.Http.json;
import static org.incidentplatform.incident.web.Http.submitted;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.StreamReader;
import org.incidentplatform.incident.web.WebSlice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The same service with an identity provider instead of the token table: {@code platform.security.mode=jwt}
 * and nothing else changed. The provider is a key pair made here and its JWK set served on loopback.
 */
@WebSlice
@TestPropertySource(
        properties = {
            "platform.security.mode=jwt",
            "platform.security.jwt.issuer-uri=" + JwtAccessTests.ISSUER,
            "platform.security.jwt.roles-claim=groups"
        })
class JwtAccessTests {

    static final String ISSUER = "https://login.example.com";
    static final String RESOLVE = "/api/v1/incidents/abc/resolve";
    static final String NOTE = "{\"message\": \"Rolled back\"}";

    static final KeyPair PROVIDER = rsa();
    static final KeyPair STRANGER = rsa();
    static final HttpServer KEYS = serveKeys();

    @Autowired
    MockMvc http;

    @MockitoBean
    CommandGateway gateway;

    @MockitoBean
    StreamReader streams;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        properties.add(
                "platform.security.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + KEYS.getAddress().getPort() + "/keys");
    }

    @AfterAll
    static void stopProvider() {
        KEYS.stop(0);
    }

    @BeforeEach
    void everythingSucceedsOnceAllowed() {
        acceptAll(gateway, 2);
    }

    @Test
    void aJwtWithTheRoleInTheConfiguredClaim_isLetIn_andItsSubjectBecomesTheActor() throws Exception {
        String token = jwt(
                PROVIDER,
                ISSUER,
                "alice@example.com",
                List.of("responder"),
                Instant.now().plusSeconds(300));

        http.perform(json(POST, RESOLVE, token, NOTE)).andExpect(status().isCreated());

        assertThat(submitted(gateway).actor()).isEqualTo("alice@example.com");
    }

    @Test
    void theRoleHierarchyHolds_forJwtsToo() throws Exception {
        String admin = jwt(
                PROVIDER,
                ISSUER,
                "root@example.com",
                List.of("admin"),
                Instant.now().plusSeconds(300));

        http.perform(json(POST, RESOLVE, admin, NOTE)).andExpect(status().isCreated());
    }

    @Test
    void aJwtWithoutTheRole_isForbidden() throws Exception {
        String token = jwt(
                PROVIDER,
                ISSUER,
                "monitor",
                List.of("reporter", "viewer"),
                Instant.now().plusSeconds(300));

        http.perform(json(POST, RESOLVE, token, NOTE))
                .andExpect(status().isForbidden())
                .andExpect(header().string("WWW-Authenticate", containsString("insufficient_scope")))
                .andExpect(content().contentType("application/problem+json"));
        verifyNoInteractions(gateway);
    }

    @Test
    void anExpiredJwt_aForeignSignature_aWrongIssuer_andATableToken_areEachRefusedAsInvalid() throws Exception {
        List<String> refused = List.of(
                jwt(PROVIDER, ISSUER, "alice", List.of("admin"), Instant.now().minusSeconds(600)),
                jwt(STRANGER, ISSUER, "mallory", List.of("admin"), Instant.now().plusSeconds(300)),
                jwt(
                        PROVIDER,
                        "https://evil.example.com",
                        "mallory",
                        List.of("admin"),
                        Instant.now().plusSeconds(300)),
                WebSlice.ADMIN);
        for (String token : refused) {
            http.perform(json(POST, RESOLVE, token, NOTE))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                    .andExpect(content().contentType("application/problem+json"));
        }
        verifyNoInteractions(gateway);
    }

    private static String jwt(KeyPair key, String issuer, String subject, List<String> groups, Instant expires)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("groups", groups)
                .issueTime(Date.from(expires.minusSeconds(900)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("provider-key").build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveKeys() {
        byte[] keys = new JWKSet(new RSAKey.Builder((RSAPublicKey) PROVIDER.getPublic())
                        .keyID("provider-key")
                        .build())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/keys", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(keys);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
