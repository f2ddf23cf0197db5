package org.incidentplatform.incident.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request header that cannot be parsed: 400 with {@code header} naming it. */
class MalformedHeaderException extends ErrorResponseException {

    MalformedHeaderException(String header, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(header, detail), null);
    }

    private static ProblemDetail problem(String header, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("header", header);
        return problem;
    }
}
