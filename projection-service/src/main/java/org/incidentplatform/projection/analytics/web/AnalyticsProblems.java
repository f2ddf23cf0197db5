package org.incidentplatform.projection.analytics.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for the analytics API only ({@link AnalyticsController}): a bad query
 * parameter is named in {@code parameter}, an unknown id in {@code incident} or {@code component}.
 * Always {@code application/problem+json}, whatever the request accepted (a CSV request with a bad
 * parameter still gets a problem body).
 */
@RestControllerAdvice(assignableTypes = AnalyticsController.class)
class AnalyticsProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badParameter(BadParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setTitle(ex.status() == HttpStatus.BAD_REQUEST ? "Bad query parameter" : "Unacceptable query parameter");
        problem.setProperty("parameter", ex.parameter());
        return problem(ex.status(), problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        problem.setProperty(ex.kind(), ex.id());
        return problem(HttpStatus.NOT_FOUND, problem);
    }

    /** Spring's own errors that carry a problem (e.g. a malformed X-Await-Version from the interceptor). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> errorResponse(ErrorResponseException ex) {
        return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ex.getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
