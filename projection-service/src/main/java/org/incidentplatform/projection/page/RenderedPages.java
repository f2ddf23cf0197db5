package org.incidentplatform.projection.page;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * HTML pages rendered once per version and kept as bytes, so a reader costs a map lookup rather than a
 * template rendering. The key is the page's ETag, which names everything the page shows (log position,
 * address, freshness, the minute that "today" and the uptime bars are counted to): equal key, equal
 * bytes. Only the newest few versions are kept; a page nobody asks for is never rendered, so replaying
 * the log renders nothing.
 */
final class RenderedPages {

    /**
     * More than the versions that can be current at once (a page per view and host name, while the
     * minute turns over), few enough that old versions cost nothing.
     */
    static final int KEPT = 64;

    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private final AtomicLong renders = new AtomicLong();

    /**
     * The page for {@code etag}, rendering it if it is not kept; concurrent readers of a new version wait
     * for one rendering rather than each doing their own.
     */
    byte[] page(String etag, Supplier<String> render) {
        byte[] page = pages.get(etag);
        if (page != null) {
            return page;
        }
        if (pages.size() >= KEPT) {
            pages.clear();
        }
        return pages.computeIfAbsent(etag, key -> {
            renders.incrementAndGet();
            return render.get().getBytes(StandardCharsets.UTF_8);
        });
    }

    /** How many pages were rendered so far: what caching saves is visible to tests and metrics. */
    long renders() {
        return renders.get();
    }
}
