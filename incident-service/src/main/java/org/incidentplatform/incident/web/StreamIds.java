package org.incidentplatform.incident.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Ids the service assigns: 12 characters of lower-case base32 (60 bits), like Statuspage's. A request
 * with an Idempotency-Key gets an id derived from what it is, who sent it and the key, so a retry
 * addresses the same stream, and so the same partition, where its first answer is remembered.
 */
final class StreamIds {

    static final int LENGTH = 12;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamIds() {}

    /**
     * @param what  what the id is for ({@code incident}, {@code maintenance}, …): the same key used for
     *              two kinds of request must not make them share an id
     * @param scope further parts the id is unique within, e.g. the incident of an action item
     */
    static String assign(String what, String actor, String idempotencyKey, String... scope) {
        if (idempotencyKey == null) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            return encode(bytes);
        }
        StringBuilder seed =
                new StringBuilder(what).append('\0').append(actor).append('\0').append(idempotencyKey);
        for (String part : scope) {
            seed.append('\0').append(part);
        }
        return encode(sha256(seed.toString()));
    }

    private static String encode(byte[] bytes) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[i] & 0xff);
        }
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[(int) (bits >>> (64 - 5 * (i + 1))) & 0x1f];
        }
        return new String(id);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
