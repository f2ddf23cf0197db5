package org.incidentplatform.projection.analytics.web;

import java.time.Instant;
import org.incidentplatform.projection.live.LiveStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * What every analytics answer shares, whichever question it answers: numbers only once the projection has
 * caught up with the log, {@code Cache-Control: no-cache} with {@code X-Data-As-Of}, and times as UTC
 * {@code Z} instants.
 */
final class AnalyticsAnswers {

    static final String DATA_AS_OF = "X-Data-As-Of";

    private AnalyticsAnswers() {}

    /**
     * While the projection is still replaying the log the answers would be wrong, not just stale: a 503
     * problem with {@code Retry-After} until it has caught up.
     */
    static void requireCaughtUp(LiveStatus live) {
        if (!live.caughtUp()) {
            throw new Rebuilding();
        }
    }

    static ResponseEntity.BodyBuilder ok(LiveStatus live, MediaType type) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache());
        Instant dataAsOf = live.dataAsOf();
        if (dataAsOf != null) {
            ok.header(DATA_AS_OF, time(dataAsOf));
        }
        return ok;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The analytics are being rebuilt from the log: ask again in a few seconds, and cache nothing meanwhile. */
    static final class Rebuilding extends ErrorResponseException {

        Rebuilding() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "analytics are being rebuilt from the incident log; ask again shortly"),
                    null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            getHeaders().setCacheControl(CacheControl.noStore());
        }
    }
}
