package org.incidentplatform.notification.web;

import org.incidentplatform.notification.subscription.SubscriptionLog;
import org.incidentplatform.service.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Every error this service answers, as an RFC 9457 problem detail: the platform's ({@link ProblemResponses}),
 * plus a body past the JSON reader's limits, and a subscription change the log did not confirm.
 */
@RestControllerAdvice
class ErrorResponses extends ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (cause(ex, StreamConstraintsException.class) != null) {
            return handleExceptionInternal(
                    ex,
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, JsonLimits.DETAIL),
                    headers,
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unrecorded(SubscriptionLog.SubscriptionLogUnavailableException ex) {
        log.warn("subscription event not acknowledged: {}", ex.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "the subscription store did not confirm the write; retry later"));
    }
}
