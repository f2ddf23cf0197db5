package org.incidentplatform.notification.dispatch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.incidentplatform.notification.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log: each delivery with its attempts and where it stands, in the order of their first
 * attempt, a page at a time ({@code limit}, default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}; a {@code Link: rel="next"} when more follow, whose {@code after} is opaque).
 */
@RestController
class DeliveryController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final DeliveryLog deliveries;

    DeliveryController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    /** @param status delivered, retrying, parked or skipped */
    @GetMapping("/api/v1/deliveries")
    ResponseEntity<List<DeliveryLog.Entry>> deliveries(
            @RequestParam(required = false) String incidentId,
            @RequestParam(required = false) String subscriptionId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        DeliveryLog.Status wanted = null;
        if (status != null) {
            try {
                wanted = DeliveryLog.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "status", "status must be delivered, retrying, parked or skipped");
            }
        }
        DeliveryLog.Cursor from = null;
        if (after != null) {
            try {
                from = DeliveryLog.Cursor.parse(after);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "after",
                        "after must be the value a previous page's Link: rel=\"next\" gave");
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        DeliveryLog.Page page =
                deliveries.query(blankToNull(incidentId), blankToNull(subscriptionId), wanted, from, size);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.next() != null) {
            String next = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam("after", page.next().toString())
                    .replaceQueryParam("limit", size)
                    .encode()
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page.entries());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
