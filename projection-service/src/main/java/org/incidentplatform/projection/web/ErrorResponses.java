package org.incidentplatform.projection.web;

import org.incidentplatform.service.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error of this service's APIs as an RFC 9457 problem detail: the platform's ({@link ProblemResponses}:
 * an unknown path, a wrong method, a failure) and each {@link org.springframework.web.ErrorResponseException}
 * the APIs raise (a bad parameter or {@code X-Await-Version}, an unknown id, the 503 while the log is
 * replayed). Always {@code application/problem+json}, whatever the request accepted: a client asking for
 * CSV or HTML still learns what went wrong. The HTML pages answer their own errors (a not-found page for a
 * browser, a loading page while replaying). Public so that web-slice tests of each API can include it.
 */
@RestControllerAdvice
public class ErrorResponses extends ProblemResponses {

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).headers(headers);
        if (body instanceof ProblemDetail) {
            answer.contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return answer.body(body);
    }
}
