package org.incidentplatform.projection.statuspage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.incidentplatform.projection.status.StatusSnapshot;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes each endpoint answers with, serialised once per snapshot: a snapshot is immutable and
 * replaced as a whole when events are applied, so its identity is the cache key, and a request costs
 * a reference comparison until the status changes. Each endpoint is rendered on its first request
 * after a change, not on every change, so a replay of the log renders nothing.
 *
 * <p>The ETag is a hash of the bytes: strong, as it names exactly these bytes, and equal on every
 * instance that has applied the same events, so a client or CDN may revalidate against any of them.
 */
final class RenderedDocuments {

    /** @param etag quoted, ready for the {@code ETag} header */
    record Rendered(byte[] body, String etag) {}

    private final StatuspageDocuments documents;
    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private final AtomicReference<OfSnapshot> latest = new AtomicReference<>(new OfSnapshot(null));

    RenderedDocuments(StatuspageDocuments documents) {
        this.documents = documents;
    }

    /**
     * A request still holding the previous snapshot may swap it back in for a moment while the status
     * changes; that costs a second rendering, never a wrong answer, as bytes are keyed by the snapshot.
     */
    Rendered of(StatusSnapshot snapshot, StatuspageEndpoint endpoint) {
        OfSnapshot rendered = latest.get();
        if (rendered.snapshot != snapshot) {
            rendered = latest.updateAndGet(r -> r.snapshot == snapshot ? r : new OfSnapshot(snapshot));
        }
        return rendered.byEndpoint.computeIfAbsent(endpoint, e -> render(snapshot, e));
    }

    private Rendered render(StatusSnapshot snapshot, StatuspageEndpoint endpoint) {
        byte[] body = json.writeValueAsBytes(endpoint.document(documents, snapshot));
        return new Rendered(body, etag(body));
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class OfSnapshot {

        private final StatusSnapshot snapshot;
        private final Map<StatuspageEndpoint, Rendered> byEndpoint = new ConcurrentHashMap<>();

        private OfSnapshot(StatusSnapshot snapshot) {
            this.snapshot = snapshot;
        }
    }
}
