package org.incidentplatform.incident.web;

import org.incidentplatform.incident.command.StreamsUnavailableException;
import org.incidentplatform.service.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error this service answers, as an RFC 9457 problem detail: the platform's ({@link ProblemResponses}),
 * plus a body over the size limit, which is found out while the body is being read.
 */
@RestControllerAdvice
class ErrorResponses extends ProblemResponses {

    /** The event store cannot answer a read right now (starting, rebalancing, its owner away): retry shortly. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(StreamsUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, CommandNotAcceptedException.RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        BodyTooLargeException tooLarge = cause(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = BodySizeLimit.tooLarge(tooLarge.limit()).getBody();
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }
}
