package org.incidentplatform.bench;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bearer tokens by role: the catalogue needs admin, declaring responder, and the measured updates use reporter. */
record AccessTokens(String admin, String responder, String reporter) {

    /** Fresh random tokens for an incident-service the harness starts itself. */
    static AccessTokens generate() {
        SecureRandom random = new SecureRandom();
        return new AccessTokens(random(random), random(random), random(random));
    }

    /** The environment variables incident-service reads its tokens from. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PLATFORM_ADMIN_TOKEN", admin);
        environment.put("PLATFORM_RESPONDER_TOKEN", responder);
        environment.put("PLATFORM_REPORTER_TOKEN", reporter);
        return environment;
    }

    private static String random(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "AccessTokens[redacted]";
    }
}
