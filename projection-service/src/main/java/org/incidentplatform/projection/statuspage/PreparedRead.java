package org.incidentplatform.projection.statuspage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.web.cors.CorsConfiguration;

/**
 * A public read whose answer is bytes rendered once per version of what it shows, so that {@link PreparedReads}
 * can serve it before the framework's per-request machinery. Its handler answers the requests that go through
 * the chain from the same {@link Answer}, so both ways give the same bytes and headers.
 */
public interface PreparedRead {

    /** The paths it answers, exactly as requested (the query string aside). */
    Set<String> paths();

    /**
     * The answer to a GET or HEAD of {@code path}, one of {@link #paths()}, now; or null while there is none to
     * give (before the first catch-up: the chain's 503). Sets nothing on the response, which only lends a
     * template what it needs to build links.
     */
    Answer prepare(String path, HttpServletRequest request, HttpServletResponse response);

    /** Who may read it from another site; null: the same site only. */
    default CorsConfiguration cors() {
        return null;
    }

    /**
     * @param etag    quoted, as sent in {@code ETag}
     * @param headers the rest of the answer's own headers: its type, caching, policy, freshness
     */
    record Answer(byte[] body, String etag, Map<String, String> headers) {}
}
