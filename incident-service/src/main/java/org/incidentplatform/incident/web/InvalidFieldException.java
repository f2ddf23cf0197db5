package org.incidentplatform.incident.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request field the service cannot act on: 422 with {@code field} naming it. */
class InvalidFieldException extends ErrorResponseException {

    InvalidFieldException(String field, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(field, detail), null);
    }

    private static ProblemDetail problem(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setProperty("field", field);
        return problem;
    }
}
