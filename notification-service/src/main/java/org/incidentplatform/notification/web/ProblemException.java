package org.incidentplatform.notification.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An RFC 9457 problem a controller answers with; {@code field} names the input at fault, when one is. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String field, String detail) {
        super(status, problem(status, field, detail), null);
    }

    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, field, field + " " + detail);
    }

    private static ProblemDetail problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
