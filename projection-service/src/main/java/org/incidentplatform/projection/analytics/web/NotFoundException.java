package org.incidentplatform.projection.analytics.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An incident, component or group this projection does not know: 404 naming what and which id. */
final class NotFoundException extends ErrorResponseException {

    NotFoundException(String kind, String id) {
        super(HttpStatus.NOT_FOUND, problem(kind, id), null);
    }

    private static ProblemDetail problem(String kind, String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no " + kind + " '" + id + "'");
        problem.setTitle("Not found");
        problem.setProperty(kind, id);
        return problem;
    }
}
