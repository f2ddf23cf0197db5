package org.incidentplatform.projection.analytics.web;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for the analytics API: a bad query parameter ({@link BadParameterException}),
 * an unknown id ({@link NotFoundException}), the 503 while the log is replayed, and Spring's own errors
 * that carry a problem (e.g. a malformed X-Await-Version from the interceptor). Always
 * {@code application/problem+json}, whatever the request accepted (a CSV request with a bad parameter
 * still gets a problem body).
 */
@RestControllerAdvice(assignableTypes = {IncidentTimelineController.class, MttrController.class,
        UptimeController.class})
class AnalyticsProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> errorResponse(ErrorResponseException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ex.getBody());
    }
}
