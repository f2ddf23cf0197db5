package org.incidentplatform.local.junit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the fuzz runs send: hostile variants of a valid JSON body, drawn from the caller's
 * {@link Random}, so a run's seed reproduces it.
 */
public final class HostileBodies {

    private final Random random;
    private final int maxNesting;

    /** @param maxNesting how deep an object nested into the body may go (a service's body size limit may come first) */
    public HostileBodies(Random random, int maxNesting) {
        this.random = random;
        this.maxNesting = maxNesting;
    }

    /**
     * Ten variants of {@code valid}: random bytes; the body cut, spliced with a hostile token, and with
     * a value retyped; a huge string; deep array nesting; deep object nesting; invalid UTF-8; a null
     * value; trailing garbage.
     */
    public List<byte[]> of(String valid) {
        List<byte[]> inputs = new ArrayList<>();
        byte[] noise = new byte[random.nextInt(300)];
        random.nextBytes(noise);
        inputs.add(noise);
        inputs.add(utf8(cut(valid)));
        inputs.add(utf8(splice(valid)));
        inputs.add(utf8(retype(valid)));
        inputs.add(utf8(valid.replaceFirst(":\"[^\"]*\"", ":\"" + "x".repeat(1 + random.nextInt(5_000)) + "\"")));
        int depth = 1 + random.nextInt(20_000);
        inputs.add(utf8("[".repeat(depth) + "]".repeat(depth)));
        int nested = random.nextInt(maxNesting);
        inputs.add(
                utf8(valid.replaceFirst("\\{", "{\"n\":" + "{\"n\":".repeat(nested) + "1" + "}".repeat(nested) + ",")));
        inputs.add(invalidUtf8(valid));
        inputs.add(utf8(valid.replaceFirst(":\"[^\"]*\"", ":null")));
        inputs.add(utf8(valid + valid.substring(0, random.nextInt(valid.length()))));
        return inputs;
    }

    private String cut(String valid) {
        int from = random.nextInt(valid.length());
        int to = Math.min(valid.length(), from + 1 + random.nextInt(20));
        return valid.substring(0, from) + valid.substring(to);
    }

    private String splice(String valid) {
        String[] junk = {"\u0000", "\"", "\\", "}", "{", ",", "\ud800", "💥", "NaN", "-0", "1e999999", "true"};
        int at = random.nextInt(valid.length());
        return valid.substring(0, at) + junk[random.nextInt(junk.length)] + valid.substring(at);
    }

    private String retype(String valid) {
        String[] values = {
            "123", "-1", "1.5e300", "true", "[]", "{}", "\"\"", "[\"a\",1,null]", "\"9999-99-99T99:99:99Z\""
        };
        return valid.replaceFirst(":(\"[^\"]*\"|\\{[^}]*}|\\[[^]]*])", ":" + values[random.nextInt(values.length)]);
    }

    /** The body with an invalid two-byte UTF-8 sequence (0xC3 0x28) just after its first colon. */
    private static byte[] invalidUtf8(String valid) {
        byte[] bytes = utf8(valid);
        byte[] broken = new byte[bytes.length + 2];
        int at = valid.indexOf(':') + 2;
        System.arraycopy(bytes, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at, broken, at + 2, bytes.length - at);
        return broken;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
