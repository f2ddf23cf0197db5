package org.incidentplatform.incident.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An id in the path that names no stream: 404. */
class StreamNotFoundException extends ErrorResponseException {

    StreamNotFoundException(String what, String id) {
        super(
                HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, what + " '" + id + "' not found"),
                null);
    }
}
