package org.incidentplatform.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The bearer tokens of the local stack: generated once, at first start, into the data directory
 * (readable by its owner only), and handed to incident-service through the same environment
 * variables a production deployment sets. notification-service's link-signing secret lives in the
 * same file; a file from before it existed gets it added at the next start.
 */
final class AccessTokenFile {

    static final String FILE_NAME = "access-tokens.properties";
    private static final String[] ROLES = {"admin", "responder", "reporter"};
    /** notification-service's link-signing key, kept beside the platform's tokens. */
    private static final String LINK_SECRET = "notification-link-secret";

    private AccessTokenFile() {}

    /** @return environment variable name → token, and whether the tokens were created just now */
    static Tokens loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Properties stored = new Properties();
            boolean created = !Files.exists(file);
            SecureRandom random = new SecureRandom();
            if (created) {
                for (String role : ROLES) {
                    stored.setProperty(role, newToken(random));
                }
                Files.createFile(file);
                restrictToOwner(file);
            } else {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            boolean added = stored.getProperty(LINK_SECRET, "").isBlank();
            if (added) {
                stored.setProperty(LINK_SECRET, newToken(random));
            }
            if (created || added) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    stored.store(out, "Bearer tokens of the local stack, by role. Delete this file for new ones.");
                }
            }
            Map<String, String> environment = new LinkedHashMap<>();
            for (String role : ROLES) {
                String token = stored.getProperty(role);
                if (token == null || token.isBlank()) {
                    throw new StackException(file + " has no token for role '" + role + "'; delete the file to "
                            + "generate new tokens");
                }
                environment.put("PLATFORM_" + role.toUpperCase() + "_TOKEN", token.trim());
            }
            environment.put(
                    "NOTIFICATION_SERVICE_LINK_SECRET",
                    stored.getProperty(LINK_SECRET).trim());
            return new Tokens(file, Map.copyOf(environment), created);
        } catch (IOException e) {
            throw new StackException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String newToken(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply.
        }
    }

    record Tokens(Path file, Map<String, String> environment, boolean created) {

        String admin() {
            return environment.get("PLATFORM_ADMIN_TOKEN");
        }
    }
}
