package org.incidentplatform.notification.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bodies of the last few hundred events, by event id: every subscriber of an event gets the body
 * rendered for the first, so an event to ten thousand subscribers is rendered once, not ten thousand
 * times. Bounded, least recently used out; a body evicted before a late retry is simply rendered again.
 */
final class RenderedBodies<B> {

    private final Map<String, B> recent;
    private long renders;

    RenderedBodies(int capacity) {
        this.recent = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, B> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Renders under the lock, so that the deliveries of a new event that arrive together render it once. */
    synchronized B of(String eventId, Supplier<B> render) {
        B body = recent.get(eventId);
        if (body == null) {
            body = render.get();
            renders++;
            recent.put(eventId, body);
        }
        return body;
    }

    /** How many times a body was rendered, rather than found. */
    synchronized long renders() {
        return renders;
    }
}
