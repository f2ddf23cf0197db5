package org.incidentplatform.projection.statuspage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.projection.statuspage.RenderedDocuments.Rendered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Atlassian Statuspage's public v2 API over the live status, so widgets and clients written for a
 * Statuspage page read this one unchanged. See the package documentation for the caching, freshness
 * and availability rules. Most reads never reach the handlers: {@link PreparedReads} answers them from
 * the same {@link PreparedRead.Answer}.
 */
@RestController
class StatuspageController implements PreparedRead {

    /** When this instance last knew it had everything the log holds: how old the answer may be. */
    static final String DATA_AS_OF = "X-Data-As-Of";

    /** Seconds a client should wait before asking again while the status is being rebuilt. */
    static final String REBUILDING_RETRY_AFTER = "5";

    /**
     * Who may read the API from another site (anyone: widgets run on other sites), said once for both ways a read
     * is answered: {@link PreparedReads} and, through {@link StatuspageConfiguration}'s CORS mappings, the chain.
     */
    static final CorsConfiguration CORS = anyOrigin();

    private static final String JSON = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8).toString();

    private final LiveStatus live;
    private final RenderedDocuments rendered;
    private final String cacheControl;
    /** {@value #DATA_AS_OF} as last written: it changes once a second or so, and is read far more often. */
    private volatile DataAsOf dataAsOf = new DataAsOf(null, null);

    StatuspageController(LiveStatus live, RenderedDocuments rendered, PublicReadProperties reads) {
        this.live = live;
        this.rendered = rendered;
        this.cacheControl =
                CacheControl.maxAge(reads.cacheMaxAge()).cachePublic().getHeaderValue();
    }

    private static CorsConfiguration anyOrigin() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "HEAD"));
        cors.setAllowedHeaders(List.of(ReadYourWrites.AWAIT_VERSION, HttpHeaders.IF_NONE_MATCH));
        cors.setExposedHeaders(
                List.of(HttpHeaders.ETAG, DATA_AS_OF, ReadYourWrites.AWAITED_VERSION, HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(3600L);
        return cors;
    }

    @Override
    public Set<String> paths() {
        return StatuspageEndpoint.byPath().keySet();
    }

    @Override
    public Answer prepare(String path, HttpServletRequest request, HttpServletResponse response) {
        return live.caughtUp() ? prepared(StatuspageEndpoint.byPath().get(path)) : null;
    }

    @Override
    public CorsConfiguration cors() {
        return CORS;
    }

    @Operation(
            summary = "The page, its status, every component, unresolved incidents and maintenances under way or ahead")
    @GetMapping("/api/v2/summary.json")
    ResponseEntity<?> summary() {
        return answer(StatuspageEndpoint.SUMMARY);
    }

    @Operation(summary = "The page and its overall status indicator")
    @GetMapping("/api/v2/status.json")
    ResponseEntity<?> status() {
        return answer(StatuspageEndpoint.STATUS);
    }

    @Operation(summary = "Every public component and group with its status, in display order")
    @GetMapping("/api/v2/components.json")
    ResponseEntity<?> components() {
        return answer(StatuspageEndpoint.COMPONENTS);
    }

    @Operation(summary = "The 50 most recent incidents with their updates")
    @GetMapping("/api/v2/incidents.json")
    ResponseEntity<?> incidents() {
        return answer(StatuspageEndpoint.INCIDENTS);
    }

    @Operation(summary = "Incidents not yet resolved")
    @GetMapping("/api/v2/incidents/unresolved.json")
    ResponseEntity<?> unresolvedIncidents() {
        return answer(StatuspageEndpoint.UNRESOLVED_INCIDENTS);
    }

    @Operation(summary = "The 50 most recent scheduled maintenances")
    @GetMapping("/api/v2/scheduled-maintenances.json")
    ResponseEntity<?> scheduledMaintenances() {
        return answer(StatuspageEndpoint.SCHEDULED_MAINTENANCES);
    }

    @Operation(summary = "Scheduled maintenances not yet started")
    @GetMapping("/api/v2/scheduled-maintenances/upcoming.json")
    ResponseEntity<?> upcomingMaintenances() {
        return answer(StatuspageEndpoint.UPCOMING_MAINTENANCES);
    }

    @Operation(summary = "Scheduled maintenances in progress or being verified")
    @GetMapping("/api/v2/scheduled-maintenances/active.json")
    ResponseEntity<?> activeMaintenances() {
        return answer(StatuspageEndpoint.ACTIVE_MAINTENANCES);
    }

    /**
     * The endpoint's bytes for the current snapshot, with its ETag; Spring answers 304 itself when
     * {@code If-None-Match} names that ETag, keeping these headers and dropping the body.
     */
    private ResponseEntity<?> answer(StatuspageEndpoint endpoint) {
        if (!live.caughtUp()) {
            return rebuilding();
        }
        Answer answer = prepared(endpoint);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(answer.etag());
        answer.headers().forEach(ok::header);
        return ok.body(answer.body());
    }

    private Answer prepared(StatuspageEndpoint endpoint) {
        StatusSnapshot snapshot = live.current();
        Rendered answer = rendered.of(snapshot, endpoint);
        String asOf = dataAsOf();
        Map<String, String> headers = asOf == null
                ? Map.of(HttpHeaders.CONTENT_TYPE, JSON, HttpHeaders.CACHE_CONTROL, cacheControl)
                : Map.of(HttpHeaders.CONTENT_TYPE, JSON, HttpHeaders.CACHE_CONTROL, cacheControl, DATA_AS_OF, asOf);
        return new Answer(answer.body(), answer.etag(), headers);
    }

    private String dataAsOf() {
        Instant at = live.dataAsOf();
        DataAsOf last = dataAsOf;
        if (at != null && !at.equals(last.at())) {
            last = new DataAsOf(at, StatuspageDocuments.time(at));
            dataAsOf = last;
        }
        return at == null ? null : last.text();
    }

    private record DataAsOf(Instant at, String text) {}

    /** A page that is still replaying the log would say "All Systems Operational" whatever the truth. */
    private static ResponseEntity<ProblemDetail> rebuilding() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "the status is being rebuilt from the incident log; ask again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, REBUILDING_RETRY_AFTER)
                .cacheControl(CacheControl.noStore())
                .body(problem);
    }
}
