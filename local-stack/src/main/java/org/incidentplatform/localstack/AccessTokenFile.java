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
 * variables a production deployment sets.
 */
final class AccessTokenFile {

    static final String FILE_NAME = "access-tokens.properties";
    private static final String[] ROLES = {"admin", "responder", "reporter"};

    private AccessTokenFile() {
    }

    /** @return environment variable name → token, and whether the tokens were created just now */
    static Tokens loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Properties stored = new Properties();
            boolean created = !Files.exists(file);
            if (created) {
                SecureRandom random = new SecureRandom();
                for (String role : ROLES) {
                    byte[] bytes = new byte[24];
                    random.nextBytes(bytes);
                    stored.setProperty(role, HexFormat.of().formatHex(bytes));
                }
                Files.createFile(file);
                restrictToOwner(file);
                try (Writer out = Files.newBufferedWriter(file)) {
                    stored.store(out, "Bearer tokens of the local stack, by role. Delete this file for new ones.");
                }
            } else {
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
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
            return new Tokens(file, Map.copyOf(environment), created);
        } catch (IOException e) {
            throw new StackException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
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
