package org.incidentplatform.projection.analytics.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter the analytics API cannot use: a problem detail with {@code parameter} naming it. Always
 * a problem, whatever the request accepted (a CSV request with a bad parameter still gets one).
 */
final class BadParameterException extends ErrorResponseException {

    private BadParameterException(HttpStatus status, String parameter, String detail) {
        super(status, problem(status, parameter, detail), null);
    }

    /** The value cannot be read at all (not a date, not one of the allowed words): 400. */
    static BadParameterException malformed(String parameter, String detail) {
        return new BadParameterException(HttpStatus.BAD_REQUEST, parameter, detail);
    }

    /** Each value reads fine but together or in range they make no sense (from ≥ to, days 0): 422. */
    static BadParameterException unacceptable(String parameter, String detail) {
        return new BadParameterException(HttpStatus.UNPROCESSABLE_CONTENT, parameter, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Bad query parameter" : "Unacceptable query parameter");
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
