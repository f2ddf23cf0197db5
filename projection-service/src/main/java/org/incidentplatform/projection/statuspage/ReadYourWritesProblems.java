package org.incidentplatform.projection.statuspage;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders a malformed {@code X-Await-Version} as its problem detail, wherever {@link ReadYourWrites}
 * is registered. Without it, Spring would hand the status to the servlet container's error page,
 * which has no problem body.
 */
@RestControllerAdvice
class ReadYourWritesProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformed(MalformedAwaitVersionException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(ex.getBody());
    }
}
