package org.incidentplatform.projection.statuspage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An {@code X-Await-Version} header that cannot be parsed: 400 with {@code header} naming it. */
public final class MalformedAwaitVersionException extends ErrorResponseException {

    MalformedAwaitVersionException(String detail) {
        super(HttpStatus.BAD_REQUEST, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("header", ReadYourWrites.AWAIT_VERSION);
        return problem;
    }
}
