package org.incidentplatform.notification.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the confirm and unsubscribe links: HMAC-SHA256 of (purpose, subscription id) under the
 * operator's link secret. Nothing is stored per link; a link cannot be forged or reused for
 * another purpose or subscription.
 */
public final class LinkSigner {

    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE
    }

    private final SecretKeySpec key;

    public LinkSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(Purpose purpose, String subscriptionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((purpose.name() + ':' + subscriptionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Constant-time, so the time taken tells nothing about how close a guess was. */
    public boolean verify(Purpose purpose, String subscriptionId, String token) {
        if (token == null || subscriptionId == null) {
            return false;
        }
        return MessageDigest.isEqual(
                token(purpose, subscriptionId).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
