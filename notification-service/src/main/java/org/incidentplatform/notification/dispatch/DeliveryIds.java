package org.incidentplatform.notification.dispatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The delivery id is a name-based UUID (RFC 9562 version 5, SHA-1) of the incident event id and the
 * subscription id: whatever replays the fan-out, one event makes one delivery id per subscriber, and
 * the dispatcher, the delivery log and the receiver (webhook-id) can all recognise a repeat.
 */
public final class DeliveryIds {

    /** The namespace of delivery ids: a fixed random UUID, so ids are the same on every instance. */
    private static final UUID NAMESPACE = UUID.fromString("3d0f0e34-8f4a-4e0b-9a57-6c1b6b1f2a90");

    private DeliveryIds() {}

    public static UUID of(String eventId, String subscriptionId) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                    .putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits())
                    .array());
            sha1.update((eventId + '\n' + subscriptionId).getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
